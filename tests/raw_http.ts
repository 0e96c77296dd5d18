/**
 * Hand-written HTTP over a raw TCP socket, for handshakes a well-behaved
 * WebSocket client cannot send.
 *
 * @module
 */

/** A parsed response head and its body. */
export interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** What to change in a valid WebSocket opening handshake. */
export interface RawRequestOptions {
  method?: string;
  path?: string;
  version?: string;
  /** Header values over the valid defaults; `null` leaves one out. */
  headers?: Record<string, string | null>;
}

/** A valid handshake's headers; tests override one at a time. */
export const VALID_HANDSHAKE: Readonly<Record<string, string>> = {
  "Host": "127.0.0.1",
  "Upgrade": "websocket",
  "Connection": "Upgrade",
  "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
  "Sec-WebSocket-Version": "13",
};

/** Sends a handshake built from `options` and reads the response. */
export function rawRequest(
  port: number,
  options: RawRequestOptions = {},
): Promise<RawResponse> {
  const headers = { ...VALID_HANDSHAKE, ...options.headers };
  const lines = [
    `${options.method ?? "GET"} ${options.path ?? "/api/ws"} ${
      options.version ?? "HTTP/1.1"
    }`,
    ...Object.entries(headers)
      .filter(([, value]) => value !== null)
      .map(([name, value]) => `${name}: ${value}`),
  ];
  return rawExchange(port, lines.join("\r\n") + "\r\n\r\n");
}

/** Writes `text` as is and reads one response (head only for a 101). */
export async function rawExchange(
  port: number,
  text: string,
): Promise<RawResponse> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(new TextEncoder().encode(text));
    return await readResponse(conn);
  } finally {
    conn.close();
  }
}

/** Reads one HTTP/1.1 response from `conn`. */
export async function readResponse(conn: Deno.Conn): Promise<RawResponse> {
  const decoder = new TextDecoder();
  let data = new Uint8Array(0);
  const buf = new Uint8Array(16 * 1024);
  const append = (n: number) => {
    const next = new Uint8Array(data.length + n);
    next.set(data);
    next.set(buf.subarray(0, n), data.length);
    data = next;
  };
  let headEnd = -1;
  while (headEnd < 0) {
    const n = await conn.read(buf);
    if (n === null) throw new Error("connection closed before a response");
    append(n);
    headEnd = decoder.decode(data).indexOf("\r\n\r\n");
  }
  const text = decoder.decode(data);
  const [statusLine, ...headerLines] = text.slice(0, headEnd).split("\r\n");
  const status = Number(statusLine.split(" ")[1]);
  const headers = new Headers();
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    headers.append(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  const length = Number(headers.get("content-length") ?? 0);
  const bodyStart = new TextEncoder().encode(text.slice(0, headEnd + 4))
    .length;
  while (status !== 101 && data.length - bodyStart < length) {
    const n = await conn.read(buf);
    if (n === null) break;
    append(n);
  }
  return {
    status,
    headers,
    body: decoder.decode(data.subarray(bodyStart, bodyStart + length)),
  };
}
