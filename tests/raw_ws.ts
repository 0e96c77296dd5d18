/**
 * A raw WebSocket client over TCP: writes masked frames and reads frames
 * itself, so a test can misbehave in ways the standard client cannot (never
 * read, never answer a ping).
 *
 * @module
 */

import { encodeFrame, OPCODE_CLOSE } from "../bench/frames.ts";
import { readResponse, VALID_HANDSHAKE } from "./raw_http.ts";

export {
  OPCODE_BINARY,
  OPCODE_CLOSE,
  OPCODE_PING,
  OPCODE_TEXT,
} from "../bench/frames.ts";

/** One frame as read from the wire. */
export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Uint8Array;
}

/** A connected raw client. */
export class RawWebSocket {
  readonly conn: Deno.Conn;
  #buffer = new Uint8Array(0);

  private constructor(conn: Deno.Conn) {
    this.conn = conn;
  }

  /** Connects and completes the opening handshake. */
  static async connect(port: number, path = "/api/ws"): Promise<RawWebSocket> {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    const head = [
      `GET ${path} HTTP/1.1`,
      ...Object.entries(VALID_HANDSHAKE).map(([k, v]) => `${k}: ${v}`),
    ].join("\r\n") + "\r\n\r\n";
    await conn.write(new TextEncoder().encode(head));
    const res = await readResponse(conn);
    if (res.status !== 101) {
      conn.close();
      throw new Error(`handshake failed: ${res.status} ${res.body}`);
    }
    return new RawWebSocket(conn);
  }

  /** Writes one masked frame (clients must mask, RFC 6455 §5.3). */
  async send(opcode: number, payload: Uint8Array, fin = true): Promise<void> {
    const frame = encodeFrame(opcode, payload, fin);
    let written = 0;
    while (written < frame.length) {
      written += await this.conn.write(frame.subarray(written));
    }
  }

  /** Reads the next frame, or `null` at the end of the stream. */
  async read(): Promise<Frame | null> {
    while (true) {
      const frame = this.#parse();
      if (frame) return frame;
      const chunk = new Uint8Array(64 * 1024);
      const n = await this.conn.read(chunk);
      if (n === null) return null;
      const next = new Uint8Array(this.#buffer.length + n);
      next.set(this.#buffer);
      next.set(chunk.subarray(0, n), this.#buffer.length);
      this.#buffer = next;
    }
  }

  /** Reads until a close frame; returns its code and reason. */
  async readUntilClose(): Promise<{ code: number; reason: string }> {
    while (true) {
      const frame = await this.read();
      if (frame === null) throw new Error("stream ended without a close frame");
      if (frame.opcode === OPCODE_CLOSE) {
        const view = new DataView(
          frame.payload.buffer,
          frame.payload.byteOffset,
        );
        return {
          code: frame.payload.length >= 2 ? view.getUint16(0) : 1005,
          reason: new TextDecoder().decode(frame.payload.subarray(2)),
        };
      }
    }
  }

  /** Closes the TCP connection without a close handshake. */
  close(): void {
    try {
      this.conn.close();
    } catch {
      // already closed by the peer
    }
  }

  #parse(): Frame | null {
    const b = this.#buffer;
    if (b.length < 2) return null;
    let length = b[1] & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (b.length < 4) return null;
      length = (b[2] << 8) | b[3];
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return null;
      length = Number(new DataView(b.buffer, b.byteOffset).getBigUint64(2));
      offset = 10;
    }
    if (b.length < offset + length) return null;
    const frame = {
      fin: (b[0] & 0x80) !== 0,
      opcode: b[0] & 0x0f,
      payload: b.slice(offset, offset + length),
    };
    this.#buffer = b.slice(offset + length);
    return frame;
  }
}
