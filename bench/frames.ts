/**
 * RFC 6455 framing for the benchmark's own client: masked client frames, the
 * opening handshake's request, and its response head. Framework-free.
 *
 * @module
 */

/** Frame opcodes (RFC 6455 §5.2). */
export const OPCODE_CONTINUATION = 0x0;
export const OPCODE_TEXT = 0x1;
export const OPCODE_BINARY = 0x2;
export const OPCODE_CLOSE = 0x8;
export const OPCODE_PING = 0x9;
export const OPCODE_PONG = 0xa;

/**
 * The fixed masking key of every client frame. RFC 6455 §5.3 wants it
 * unpredictable to defeat proxy cache poisoning, which does not apply to a
 * benchmark on loopback; fixed, a frame can be masked once and resent.
 */
export const MASK: Readonly<Uint8Array> = new Uint8Array([
  0x37,
  0xfa,
  0x21,
  0x3d,
]);

/** The fixed `Sec-WebSocket-Key`: 16 bytes in base64 (RFC 6455 §4.1). */
export const HANDSHAKE_KEY = "YmVuY2gtZWNoby1rZXktMQ==";

/** The `Sec-WebSocket-Accept` the server must answer {@linkcode HANDSHAKE_KEY} with. */
export async function expectedAccept(key = HANDSHAKE_KEY): Promise<string> {
  const guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  const digest = await crypto.subtle.digest(
    "SHA-1",
    new TextEncoder().encode(key + guid),
  );
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

/** Length of a client frame's header for a payload of `length` bytes. */
export function headerLength(length: number): number {
  return (length < 126 ? 2 : length < 65_536 ? 4 : 10) + 4;
}

/**
 * Writes a masked frame header for `length` payload bytes at `target[0..]`
 * and returns where the payload starts.
 */
export function writeHeader(
  target: Uint8Array,
  opcode: number,
  length: number,
  fin = true,
): number {
  target[0] = (fin ? 0x80 : 0) | opcode;
  let at: number;
  if (length < 126) {
    target[1] = 0x80 | length;
    at = 2;
  } else if (length < 65_536) {
    target[1] = 0x80 | 126;
    target[2] = length >>> 8;
    target[3] = length & 0xff;
    at = 4;
  } else {
    target[1] = 0x80 | 127;
    new DataView(target.buffer, target.byteOffset).setBigUint64(
      2,
      BigInt(length),
    );
    at = 10;
  }
  target.set(MASK, at);
  return at + 4;
}

/** Builds one complete masked frame around a copy of `payload`. */
export function encodeFrame(
  opcode: number,
  payload: Uint8Array,
  fin = true,
): Uint8Array<ArrayBuffer> {
  const frame = new Uint8Array(headerLength(payload.length) + payload.length);
  const start = writeHeader(frame, opcode, payload.length, fin);
  for (let i = 0; i < payload.length; i++) {
    frame[start + i] = payload[i] ^ MASK[i & 3];
  }
  return frame;
}

/** A close frame's payload: the code, then the UTF-8 reason (§5.5.1). */
export function closePayload(code: number, reason = ""): Uint8Array {
  const text = new TextEncoder().encode(reason);
  const payload = new Uint8Array(2 + text.length);
  payload[0] = code >>> 8;
  payload[1] = code & 0xff;
  payload.set(text, 2);
  return payload;
}

/** The opening handshake request for `path` on `host`. */
export function handshakeRequest(
  host: string,
  path: string,
  headers: Record<string, string> = {},
): Uint8Array {
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: ${host}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    `Sec-WebSocket-Key: ${HANDSHAKE_KEY}`,
    "Sec-WebSocket-Version: 13",
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n\r\n");
}

/** A parsed HTTP response head. */
export interface ResponseHead {
  status: number;
  /** Header names in lower case. */
  headers: Map<string, string>;
}

/** Index just past the `\r\n\r\n` ending a response head, or -1. */
export function headEnd(bytes: Uint8Array): number {
  for (let i = 3; i < bytes.length; i++) {
    if (
      bytes[i] === 10 && bytes[i - 1] === 13 && bytes[i - 2] === 10 &&
      bytes[i - 3] === 13
    ) {
      return i + 1;
    }
  }
  return -1;
}

/** Parses a response head (status line and headers). */
export function parseHead(text: string): ResponseHead {
  const [statusLine, ...lines] = text.split("\r\n");
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!match) {
    throw new SyntaxError(`Bad status line ${JSON.stringify(statusLine)}`);
  }
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers.set(
        line.slice(0, colon).trim().toLowerCase(),
        line.slice(colon + 1).trim(),
      );
    }
  }
  return { status: Number(match[1]), headers };
}
