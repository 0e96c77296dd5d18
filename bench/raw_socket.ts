/**
 * A lean WebSocket client over raw TCP for load and abuse: it writes
 * pre-masked frames, reads frames without copying them, and checks every
 * echoed byte against what it sent as it streams in. Framework-free.
 *
 * Each message it sends is a fixed template, per socket, whose first 8 bytes
 * are the message's sequence number in hex, so a lost, reordered, truncated,
 * crossed or corrupted echo fails the socket.
 *
 * @module
 */

import {
  closePayload,
  encodeFrame,
  expectedAccept,
  handshakeRequest,
  headerLength,
  MASK,
  OPCODE_BINARY,
  OPCODE_CLOSE,
  OPCODE_CONTINUATION,
  OPCODE_PING,
  OPCODE_PONG,
  OPCODE_TEXT,
} from "./frames.ts";
import { readHead, tryClose, withTimeout, writeAll } from "./tcp.ts";
import {
  compareToTemplate,
  makeTemplate,
  type MessageShape,
  PREFIX,
  prefixByte,
} from "./template.ts";

/** Where to connect and how. */
export interface RawSocketOptions {
  port: number;
  /** @default {"127.0.0.1"} */
  hostname?: string;
  /** @default {"/api/ws"} */
  path?: string;
  /** Extra handshake headers, e.g. `Origin`. */
  headers?: Record<string, string>;
  /** @default {{ binary: false, bytes: 32 }} */
  shape?: MessageShape;
  /** Makes this socket's payloads differ from other sockets'. */
  id?: number;
  /** @default {65536} */
  readBufferBytes?: number;
  /** Limit for the TCP connect and for the handshake each. @default {10000} */
  timeoutMs?: number;
  /** False leaves the socket unread until {@linkcode RawSocket.startReading}. */
  read?: boolean;
}

/** The server answered the opening handshake with something other than 101. */
export class HandshakeError extends Error {
  readonly status: number;
  constructor(status: number, body: string) {
    super(`Handshake answered ${status}: ${body.trim().slice(0, 200)}`);
    this.status = status;
  }
}

const ACCEPT = expectedAccept();

/** One client connection that sends numbered messages and checks echoes. */
export class RawSocket {
  readonly conn: Deno.TcpConn;
  readonly shape: MessageShape;
  /** Called with each echo's round-trip time in milliseconds. */
  onEcho: ((rttMs: number) => void) | undefined;
  /** The close code the server sent, or null. */
  closeCode: number | null = null;
  closeReason = "";
  /** What went wrong, or null: a mismatch, a protocol or socket error. */
  failure: string | null = null;
  /** Messages sent and echoes verified. */
  sent = 0;
  echoed = 0;
  /** Resolves once the server has closed the connection. */
  readonly closed: Promise<void>;

  readonly #template: Uint8Array;
  /** The template at each of 4 byte offsets, for word-wise comparison. */
  readonly #shifted: Uint8Array[];
  readonly #frame: Uint8Array<ArrayBuffer>;
  readonly #headerLength: number;
  readonly #readBufferBytes: number;
  #resolveClosed!: () => void;
  #sentAt: number[] = [];
  #sentHead = 0;
  #toSend = 0;
  #outbox: Uint8Array[] = [];
  #pumping = false;
  #closeSent = false;
  #eof = false;
  #reading = false;
  #pending: Uint8Array = new Uint8Array(0);
  #idle: (() => void) | undefined;
  // Parser state: a frame header being gathered, then its payload.
  #head = new Uint8Array(14);
  #headHave = 0;
  #headNeed = 2;
  #inPayload = false;
  #remaining = 0;
  #opcode = 0;
  #fin = false;
  #messageOpcode = -1;
  #messageOffset = 0;
  #control = new Uint8Array(125);
  #controlLength = 0;

  private constructor(conn: Deno.TcpConn, options: RawSocketOptions) {
    this.conn = conn;
    this.shape = options.shape ?? { binary: false, bytes: 32 };
    this.#readBufferBytes = options.readBufferBytes ?? 65_536;
    this.#template = makeTemplate(this.shape, options.id ?? 0);
    this.#shifted = [0, 1, 2, 3].map((shift) => {
      const copy = new Uint8Array(this.shape.bytes + 8);
      copy.set(this.#template, shift);
      return copy;
    });
    this.#frame = encodeFrame(
      this.shape.binary ? OPCODE_BINARY : OPCODE_TEXT,
      this.#template,
    );
    this.#headerLength = headerLength(this.shape.bytes);
    this.closed = new Promise((resolve) => this.#resolveClosed = resolve);
  }

  /** Connects and completes the opening handshake; throws on refusal. */
  static async connect(options: RawSocketOptions): Promise<RawSocket> {
    const hostname = options.hostname ?? "127.0.0.1";
    const timeoutMs = options.timeoutMs ?? 10_000;
    const conn = await withTimeout(
      Deno.connect({ hostname, port: options.port }),
      timeoutMs,
      "TCP connect",
    );
    try {
      conn.setNoDelay(true);
      await writeAll(
        conn,
        handshakeRequest(
          `${hostname}:${options.port}`,
          options.path ?? "/api/ws",
          options.headers,
        ),
      );
      const { head, rest } = await withTimeout(
        readHead(conn),
        timeoutMs,
        "handshake",
        () => conn.close(),
      );
      if (head.status !== 101) {
        throw new HandshakeError(head.status, new TextDecoder().decode(rest));
      }
      if (head.headers.get("sec-websocket-accept") !== await ACCEPT) {
        throw new Error("Handshake answered a wrong Sec-WebSocket-Accept");
      }
      const socket = new RawSocket(conn, options);
      socket.#pending = rest;
      if (options.read !== false) socket.startReading();
      return socket;
    } catch (error) {
      tryClose(conn);
      throw error;
    }
  }

  /** Echoes sent and not yet received. */
  get inFlight(): number {
    return this.sent - this.echoed;
  }

  /** True once the server closed the TCP connection or it failed. */
  get ended(): boolean {
    return this.#eof;
  }

  /** Starts the read loop (it starts at connect unless `read` was false). */
  startReading(): void {
    if (this.#reading) return;
    this.#reading = true;
    this.#readLoop();
  }

  /** Queues `count` numbered messages. */
  send(count = 1): void {
    this.#toSend += count;
    this.#pump();
  }

  /** Queues one frame as given, e.g. a ping or a hand-made oversized one. */
  sendFrame(opcode: number, payload: Uint8Array, fin = true): void {
    this.#outbox.push(encodeFrame(opcode, payload, fin));
    this.#pump();
  }

  /** Queues raw bytes, written as they are. */
  sendRaw(bytes: Uint8Array): void {
    this.#outbox.push(bytes);
    this.#pump();
  }

  /** Resolves when every sent message has been echoed or the socket ended. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.inFlight === 0 || this.#eof || this.failure) {
      return Promise.resolve(this.inFlight === 0);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#idle = undefined;
        resolve(false);
      }, timeoutMs);
      this.#idle = () => {
        clearTimeout(timer);
        this.#idle = undefined;
        resolve(this.inFlight === 0);
      };
    });
  }

  /**
   * Runs the closing handshake: stops sending messages, sends a close frame,
   * and waits for the server to close; drops the connection after the limit.
   */
  async close(code = 1000, timeoutMs = 5_000): Promise<void> {
    this.#toSend = 0;
    this.#sendClose(code);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.closed,
      new Promise((resolve) => timer = setTimeout(resolve, timeoutMs)),
    ]);
    clearTimeout(timer);
    tryClose(this.conn);
  }

  /** Drops the TCP connection without a closing handshake. */
  abort(): void {
    this.#toSend = 0;
    tryClose(this.conn);
  }

  #sendClose(code: number | null): void {
    if (this.#closeSent) return;
    this.#closeSent = true;
    this.#outbox.push(
      encodeFrame(
        OPCODE_CLOSE,
        code === null ? new Uint8Array(0) : closePayload(code),
      ),
    );
    this.#pump();
  }

  #fail(message: string): void {
    if (this.failure === null) this.failure = message;
    this.#toSend = 0;
    this.#idle?.();
    tryClose(this.conn);
  }

  /**
   * Writes queued frames one write at a time. Callbacks rather than an async
   * loop: one promise per write keeps the client cheaper than the server.
   */
  #pump(): void {
    if (this.#pumping) return;
    const bytes = this.#nextWrite();
    if (bytes === null) return;
    this.#pumping = true;
    this.#write(bytes);
  }

  #write(bytes: Uint8Array): void {
    this.conn.write(bytes).then((n) => {
      if (n < bytes.length) return this.#write(bytes.subarray(n));
      const next = this.#nextWrite();
      if (next === null) this.#pumping = false;
      else this.#write(next);
    }, (error) => {
      this.#pumping = false;
      if (!this.#eof && this.closeCode === null) {
        this.#fail(`write failed: ${(error as Error).message}`);
      }
    });
  }

  #nextWrite(): Uint8Array | null {
    if (this.failure !== null || this.#eof) return null;
    if (this.#outbox.length > 0) return this.#outbox.shift()!;
    if (this.#toSend > 0 && !this.#closeSent) return this.#frames();
    return null;
  }

  /** The next messages to write, several per write when they are small. */
  #frames(): Uint8Array {
    const frame = this.#frame;
    const size = frame.length;
    const count = size > 4096
      ? 1
      : Math.min(this.#toSend, Math.max(1, Math.floor(65_536 / size)));
    this.#toSend -= count;
    const now = performance.now();
    // The previous write has completed, so the frame buffer can be reused.
    const out = count === 1 ? frame : new Uint8Array(count * size);
    for (let k = 0; k < count; k++) {
      if (count > 1) out.set(frame, k * size);
      const payload = k * size + this.#headerLength;
      const seq = this.sent++;
      const stamped = Math.min(PREFIX, this.shape.bytes);
      for (let i = 0; i < stamped; i++) {
        out[payload + i] = prefixByte(seq, i) ^ MASK[i & 3];
      }
      this.#sentAt.push(now);
    }
    return out;
  }

  async #readLoop(): Promise<void> {
    const buffer = new Uint8Array(this.#readBufferBytes);
    try {
      if (this.#pending.length > 0) this.#parse(this.#pending);
      while (this.failure === null) {
        const n = await this.conn.read(buffer);
        if (n === null) break;
        this.#parse(buffer.subarray(0, n));
      }
    } catch (error) {
      if (this.closeCode === null && this.failure === null) {
        this.failure = `read failed: ${(error as Error).message}`;
      }
    } finally {
      this.#eof = true;
      this.#idle?.();
      tryClose(this.conn);
      this.#resolveClosed();
    }
  }

  #parse(chunk: Uint8Array): void {
    const length = chunk.length;
    let i = 0;
    while (i < length && this.failure === null) {
      if (!this.#inPayload) {
        const head = this.#head;
        while (this.#headHave < this.#headNeed && i < length) {
          head[this.#headHave++] = chunk[i++];
        }
        if (this.#headHave < this.#headNeed) return;
        if (this.#headNeed === 2) {
          if (head[1] & 0x80) return this.#fail("server sent a masked frame");
          const length7 = head[1] & 0x7f;
          if (length7 >= 126) {
            this.#headNeed = length7 === 126 ? 4 : 10;
            continue;
          }
        }
        this.#startFrame();
        if (this.#remaining === 0) this.#endFrame();
        continue;
      }
      const n = Math.min(this.#remaining, length - i);
      this.#payload(chunk, i, n);
      i += n;
      this.#remaining -= n;
      if (this.#remaining === 0) this.#endFrame();
    }
  }

  #startFrame(): void {
    const head = this.#head;
    const length7 = head[1] & 0x7f;
    this.#remaining = length7 < 126
      ? length7
      : length7 === 126
      ? (head[2] << 8) | head[3]
      : new DataView(head.buffer).getUint32(2) * 2 ** 32 +
        new DataView(head.buffer).getUint32(6);
    this.#fin = (head[0] & 0x80) !== 0;
    this.#opcode = head[0] & 0x0f;
    this.#headHave = 0;
    this.#headNeed = 2;
    this.#inPayload = true;
    if (head[0] & 0x70) return this.#fail("server set reserved bits");
    if (this.#opcode >= OPCODE_CLOSE) {
      if (!this.#fin || this.#remaining > 125) {
        return this.#fail("server sent a bad control frame");
      }
      this.#controlLength = 0;
      return;
    }
    if (this.#opcode === OPCODE_CONTINUATION) {
      if (this.#messageOpcode < 0) this.#fail("continuation without start");
      return;
    }
    if (this.#messageOpcode >= 0) return this.#fail("message interleaved");
    if (this.#opcode !== OPCODE_TEXT && this.#opcode !== OPCODE_BINARY) {
      return this.#fail(`server sent unknown opcode ${this.#opcode}`);
    }
    this.#messageOpcode = this.#opcode;
    this.#messageOffset = 0;
    if (this.inFlight === 0) return this.#fail("echo of a message never sent");
    if ((this.#opcode === OPCODE_BINARY) !== this.shape.binary) {
      this.#fail(`echo #${this.echoed} came back with opcode ${this.#opcode}`);
    }
  }

  #payload(chunk: Uint8Array, at: number, n: number): void {
    if (this.#opcode >= OPCODE_CLOSE) {
      this.#control.set(chunk.subarray(at, at + n), this.#controlLength);
      this.#controlLength += n;
      return;
    }
    const offset = this.#messageOffset;
    if (offset + n > this.shape.bytes) {
      return this.#fail(`echo #${this.echoed} is longer than sent`);
    }
    const seq = this.echoed;
    let k = 0;
    for (; k < n && offset + k < PREFIX; k++) {
      if (chunk[at + k] !== prefixByte(seq, offset + k)) {
        return this.#fail(`echo #${seq} differs at byte ${offset + k}`);
      }
    }
    const differs = compareToTemplate(
      chunk,
      at + k,
      n - k,
      this.#shifted,
      offset + k,
    );
    if (differs >= 0) {
      return this.#fail(`echo #${seq} differs at byte ${differs}`);
    }
    this.#messageOffset = offset + n;
  }

  #endFrame(): void {
    this.#inPayload = false;
    if (this.failure !== null) return;
    const opcode = this.#opcode;
    if (opcode === OPCODE_CLOSE) return this.#onClose();
    if (opcode === OPCODE_PING) {
      this.#outbox.push(
        encodeFrame(OPCODE_PONG, this.#control.slice(0, this.#controlLength)),
      );
      this.#pump();
      return;
    }
    if (opcode === OPCODE_PONG || !this.#fin) return;
    if (this.#messageOffset !== this.shape.bytes) {
      return this.#fail(`echo #${this.echoed} is shorter than sent`);
    }
    this.#messageOpcode = -1;
    this.echoed++;
    const sentAt = this.#sentAt[this.#sentHead++];
    if (this.#sentHead > 4096) {
      this.#sentAt = this.#sentAt.slice(this.#sentHead);
      this.#sentHead = 0;
    }
    this.onEcho?.(performance.now() - sentAt);
    if (this.inFlight === 0) this.#idle?.();
  }

  #onClose(): void {
    const control = this.#control;
    const length = this.#controlLength;
    this.closeCode = length >= 2 ? (control[0] << 8) | control[1] : 1005;
    this.closeReason = new TextDecoder().decode(control.subarray(2, length));
    this.#toSend = 0;
    // RFC 6455 §5.5.1: answer with the same code, then the server closes TCP.
    this.#sendClose(length >= 2 ? this.closeCode : null);
    this.#idle?.();
  }
}
