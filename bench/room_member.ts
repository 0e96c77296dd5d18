/**
 * A room member that only receives, over raw TCP: it reads the server's
 * frames without copying them and checks each delivery as it streams in:
 * the opcode, the length, the sender's sequence number (one more than the
 * last, once the first has arrived) and, when given the sender's template,
 * every other byte. Framework-free; the room client holds hundreds of them
 * in one process, so it is leaner than {@linkcode RawSocket}, which expects
 * echoes of what it sent itself.
 *
 * @module
 */

import {
  closePayload,
  encodeFrame,
  expectedAccept,
  handshakeRequest,
  OPCODE_BINARY,
  OPCODE_CLOSE,
  OPCODE_PING,
  OPCODE_PONG,
} from "./frames.ts";
import { readHead, tryClose, withTimeout, writeAll } from "./tcp.ts";
import { compareToTemplate, type MessageShape, PREFIX } from "./template.ts";
import { HandshakeError } from "./raw_socket.ts";

/** Where a member connects and what it expects to receive. */
export interface RoomMemberOptions {
  port: number;
  /** Path and query, e.g. `/api/ws?room=r1`. */
  path: string;
  shape: MessageShape;
  /**
   * The sender's template shifted by 0-3 bytes (as RawSocket keeps its own),
   * to check every byte; without it only the opcode, length and sequence
   * number are checked, as when several flooders of unknown ids send.
   */
  shifted?: Uint8Array[];
  readBufferBytes?: number;
}

const ACCEPT = expectedAccept();
const HEX_VALUE = new Int8Array(256).fill(-1);
"0123456789abcdef".split("").forEach((c, i) => HEX_VALUE[c.charCodeAt(0)] = i);

/** One receiving member of a room. */
export class RoomMember {
  /** Called when a whole delivery has arrived, with its sequence number. */
  onDelivery: ((seq: number) => void) | undefined;
  /** Deliveries received, and the sequence number of the last. */
  received = 0;
  last = -1;
  /** The close code the server sent, or null. */
  closeCode: number | null = null;
  /** What went wrong, or null. */
  failure: string | null = null;
  /** Resolves once the TCP connection has ended. */
  readonly closed: Promise<void>;

  readonly #conn: Deno.TcpConn;
  readonly #options: RoomMemberOptions;
  #resolveClosed!: () => void;
  #writing: Promise<void> = Promise.resolve();
  #closeSent = false;
  #head = new Uint8Array(10);
  #headHave = 0;
  #headNeed = 2;
  #remaining = -1;
  #opcode = 0;
  #offset = 0;
  #seq = 0;
  #control = new Uint8Array(125);
  #controlLength = 0;

  private constructor(conn: Deno.TcpConn, options: RoomMemberOptions) {
    this.#conn = conn;
    this.#options = options;
    this.closed = new Promise((resolve) => this.#resolveClosed = resolve);
  }

  /** Connects and completes the opening handshake; throws on refusal. */
  static async connect(options: RoomMemberOptions): Promise<RoomMember> {
    const conn = await withTimeout(
      Deno.connect({ hostname: "127.0.0.1", port: options.port }),
      10_000,
      "TCP connect",
    );
    try {
      conn.setNoDelay(true);
      await writeAll(
        conn,
        handshakeRequest(`127.0.0.1:${options.port}`, options.path),
      );
      const { head, rest } = await withTimeout(
        readHead(conn),
        10_000,
        "handshake",
        () => tryClose(conn),
      );
      if (head.status !== 101) {
        throw new HandshakeError(head.status, new TextDecoder().decode(rest));
      }
      if (head.headers.get("sec-websocket-accept") !== await ACCEPT) {
        throw new Error("Handshake answered a wrong Sec-WebSocket-Accept");
      }
      const member = new RoomMember(conn, options);
      member.#readLoop(rest);
      return member;
    } catch (error) {
      tryClose(conn);
      throw error;
    }
  }

  /** Sends a close frame and waits for the server to end the connection. */
  async close(timeoutMs: number): Promise<void> {
    this.#sendClose(closePayload(1000));
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.closed,
      new Promise((resolve) => timer = setTimeout(resolve, timeoutMs)),
    ]);
    clearTimeout(timer);
    tryClose(this.#conn);
  }

  #send(frame: Uint8Array): void {
    this.#writing = this.#writing.then(() => writeAll(this.#conn, frame))
      .catch(() => {});
  }

  #sendClose(payload: Uint8Array): void {
    if (this.#closeSent) return;
    this.#closeSent = true;
    this.#send(encodeFrame(OPCODE_CLOSE, payload));
  }

  #fail(message: string): void {
    if (this.failure === null) this.failure = message;
    tryClose(this.#conn);
  }

  async #readLoop(pending: Uint8Array): Promise<void> {
    const buffer = new Uint8Array(this.#options.readBufferBytes ?? 65_536);
    try {
      if (pending.length > 0) this.#parse(pending);
      while (this.failure === null) {
        const n = await this.#conn.read(buffer);
        if (n === null) break;
        this.#parse(buffer.subarray(0, n));
      }
    } catch (error) {
      if (this.closeCode === null && this.failure === null) {
        this.failure = `read failed: ${(error as Error).message}`;
      }
    } finally {
      tryClose(this.#conn);
      this.#resolveClosed();
    }
  }

  #parse(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length && this.failure === null) {
      if (this.#remaining < 0) {
        while (this.#headHave < this.#headNeed && i < chunk.length) {
          this.#head[this.#headHave++] = chunk[i++];
        }
        if (this.#headHave < this.#headNeed) return;
        const length7 = this.#head[1] & 0x7f;
        if (this.#headNeed === 2 && length7 >= 126) {
          this.#headNeed = length7 === 126 ? 4 : 10;
          continue;
        }
        this.#startFrame(length7);
        if (this.#remaining === 0) this.#endFrame();
        continue;
      }
      const n = Math.min(this.#remaining, chunk.length - i);
      this.#payload(chunk, i, n);
      i += n;
      this.#remaining -= n;
      if (this.#remaining === 0) this.#endFrame();
    }
  }

  #startFrame(length7: number): void {
    const head = this.#head;
    const view = new DataView(head.buffer);
    this.#remaining = length7 < 126
      ? length7
      : length7 === 126
      ? view.getUint16(2)
      : view.getUint32(2) * 2 ** 32 + view.getUint32(6);
    this.#opcode = head[0] & 0x0f;
    this.#headHave = 0;
    this.#headNeed = 2;
    this.#offset = 0;
    this.#seq = 0;
    this.#controlLength = 0;
    // Deno sends every message as one unmasked frame.
    if ((head[0] & 0xf0) !== 0x80 || head[1] & 0x80) {
      return this.#fail(`server sent an unexpected frame header ${head[0]}`);
    }
    if (this.#opcode >= OPCODE_CLOSE) {
      if (this.#remaining > 125) this.#fail("server sent a bad control frame");
      return;
    }
    const { shape } = this.#options;
    if ((this.#opcode === OPCODE_BINARY) !== shape.binary) {
      return this.#fail(`delivery came with opcode ${this.#opcode}`);
    }
    if (this.#remaining !== shape.bytes) {
      this.#fail(`delivery of ${this.#remaining} B, expected ${shape.bytes}`);
    }
  }

  #payload(chunk: Uint8Array, at: number, n: number): void {
    if (this.#opcode >= OPCODE_CLOSE) {
      this.#control.set(chunk.subarray(at, at + n), this.#controlLength);
      this.#controlLength += n;
      return;
    }
    let k = 0;
    for (; k < n && this.#offset + k < PREFIX; k++) {
      const digit = HEX_VALUE[chunk[at + k]];
      if (digit < 0) return this.#fail("delivery without a sequence number");
      this.#seq = this.#seq * 16 + digit;
    }
    const shifted = this.#options.shifted;
    if (shifted && k < n) {
      const differs = compareToTemplate(
        chunk,
        at + k,
        n - k,
        shifted,
        this.#offset + k,
      );
      if (differs >= 0) {
        return this.#fail(`delivery #${this.#seq} differs at byte ${differs}`);
      }
    }
    this.#offset += n;
  }

  #endFrame(): void {
    this.#remaining = -1;
    const opcode = this.#opcode;
    if (opcode === OPCODE_CLOSE) {
      const c = this.#control;
      this.closeCode = this.#controlLength >= 2 ? (c[0] << 8) | c[1] : 1005;
      // RFC 6455 §5.5.1: answer with the same code; the server ends TCP.
      this.#sendClose(c.slice(0, Math.min(2, this.#controlLength)));
      return;
    }
    if (opcode === OPCODE_PING) {
      this.#send(
        encodeFrame(OPCODE_PONG, this.#control.slice(0, this.#controlLength)),
      );
      return;
    }
    if (opcode === OPCODE_PONG) return;
    const seq = this.#seq;
    // Order per sender: after the first, each is one more than the last.
    if (this.last >= 0 && seq !== this.last + 1 && this.#options.shifted) {
      return this.#fail(`delivery #${seq} came after #${this.last}`);
    }
    this.last = seq;
    this.received++;
    this.onDelivery?.(seq);
  }
}
