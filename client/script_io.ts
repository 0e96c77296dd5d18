/**
 * The connection a script runs on, as the runner sees it: send, close and
 * take the next incoming event in order. {@linkcode IncomingQueue} keeps what
 * arrives until a step takes it; {@linkcode socketIo} adapts a standard
 * `WebSocket`, and the page adapts its own connection the same way.
 * Browser-safe (the standard WebSocket API only).
 *
 * @module
 */

import type { CloseInfo } from "./script_match.ts";

/** A message, or the close that ended the connection. */
export type Incoming = { data: string | Uint8Array } | { closed: CloseInfo };

/** What {@linkcode runScript} needs from a live connection. */
export interface ScriptIo {
  /** Sends a message; throws when the connection cannot send. */
  send(data: string | Uint8Array): void;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
  /**
   * The oldest incoming event not yet taken, waiting at most `timeoutMs` for
   * one; `"timeout"` when none came in time or `signal` aborted. Once the
   * connection has closed, every call returns the close.
   */
  next(timeoutMs: number, signal?: AbortSignal): Promise<Incoming | "timeout">;
}

/**
 * Incoming events kept in order from the moment a run starts until a step
 * takes them. One taker at a time: the runner runs one step after another.
 */
export class IncomingQueue {
  #items: Incoming[] = [];
  #closed: Incoming | undefined;
  #waiter: ((item: Incoming) => void) | undefined;

  /** Adds a message, or the close; nothing after a close is kept. */
  push(item: Incoming): void {
    if (this.#closed) return;
    if ("closed" in item) this.#closed = item;
    if (this.#waiter) this.#waiter(item);
    else if (!("closed" in item)) this.#items.push(item);
  }

  /** Messages waiting to be taken. */
  get size(): number {
    return this.#items.length;
  }

  /** See {@linkcode ScriptIo.next}. */
  next(timeoutMs: number, signal?: AbortSignal): Promise<Incoming | "timeout"> {
    if (this.#waiter) throw new Error("IncomingQueue has a taker already");
    const first = this.#items.shift() ?? this.#closed;
    if (first) return Promise.resolve(first);
    if (signal?.aborted) return Promise.resolve("timeout");
    return new Promise((resolve) => {
      const done = (result: Incoming | "timeout") => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
        this.#waiter = undefined;
        resolve(result);
      };
      const abort = () => done("timeout");
      const timer = setTimeout(abort, timeoutMs);
      signal?.addEventListener("abort", abort);
      this.#waiter = done;
    });
  }
}

const STATE_NAMES = ["connecting", "open", "closing", "closed"];

/** A {@linkcode ScriptIo} over `ws`, and how to stop listening to it. */
export interface SocketIo extends ScriptIo {
  /** Removes the listeners this adapter added. */
  dispose(): void;
}

/**
 * Adapts a standard `WebSocket`. Events are queued from this call on, so
 * call it before the socket can deliver anything the script must see. Sets
 * `binaryType` to `"arraybuffer"`.
 */
export function socketIo(ws: WebSocket): SocketIo {
  const queue = new IncomingQueue();
  ws.binaryType = "arraybuffer";
  const onMessage = (e: MessageEvent<string | ArrayBuffer>) =>
    queue.push({
      data: typeof e.data === "string" ? e.data : new Uint8Array(e.data),
    });
  const onClose = (e: CloseEvent) =>
    queue.push({ closed: { code: e.code, reason: e.reason } });
  ws.addEventListener("message", onMessage);
  ws.addEventListener("close", onClose);
  return {
    send(data) {
      // A closing socket drops sends silently (WHATWG WebSockets §3.1); a
      // script must fail instead.
      if (ws.readyState !== WebSocket.OPEN) {
        throw new Error(
          `Cannot send: the socket is ${STATE_NAMES[ws.readyState]}`,
        );
      }
      ws.send(data);
    },
    close: (code, reason) => ws.close(code, reason),
    next: (timeoutMs, signal) => queue.next(timeoutMs, signal),
    dispose() {
      ws.removeEventListener("message", onMessage);
      ws.removeEventListener("close", onClose);
    },
  };
}

/**
 * Resolves once `ws` is open; rejects with the reason when it closes first or
 * is not open within `timeoutMs`.
 */
export function waitForOpen(ws: WebSocket, timeoutMs: number): Promise<void> {
  if (ws.readyState === WebSocket.OPEN) return Promise.resolve();
  return new Promise((resolve, reject) => {
    let detail = "";
    const finish = (error?: Error) => {
      clearTimeout(timer);
      ws.removeEventListener("open", onOpen);
      ws.removeEventListener("error", onError);
      ws.removeEventListener("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onOpen = () => finish();
    // Browsers give the error event no detail; Deno gives a message.
    const onError = (e: Event) => {
      detail = (e as ErrorEvent).message ?? "";
    };
    const onClose = (e: CloseEvent) =>
      finish(
        new Error(
          detail ||
            `closed before opening (code ${e.code}${
              e.reason ? `, "${e.reason}"` : ""
            })`,
        ),
      );
    const timer = setTimeout(() => {
      finish(new Error(`not open after ${timeoutMs} ms`));
      ws.close();
    }, timeoutMs);
    ws.addEventListener("open", onOpen);
    ws.addEventListener("error", onError);
    ws.addEventListener("close", onClose);
  });
}
