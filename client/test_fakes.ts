/**
 * Fakes the client's unit tests drive a {@linkcode Connection} with: clocks
 * that move only when told to and a socket whose server side the test plays.
 *
 * Only `*_test.ts` files import this module, so it never reaches the page.
 *
 * @module
 */
import type { Clock, SocketLike, TimerId } from "./connection.ts";

/** A clock that never moves on its own: no real timers outlive a test. */
export const STILL_CLOCK: Clock = {
  now: () => 1000,
  wallNow: () => 1_700_000_000_000,
  setTimeout: () => 0 as unknown as TimerId,
  clearTimeout: () => {},
};

/** A clock that moves only when told to; timers run in time order. */
export class FakeClock implements Clock {
  /** The time {@linkcode now} reads, in milliseconds. */
  time: number;
  #timers = new Map<number, { at: number; fn: () => void }>();
  #next = 1;
  /** Starts the clock at `time` milliseconds. */
  constructor(time = 1000) {
    this.time = time;
  }
  now = () => this.time;
  wallNow = () => 1_700_000_000_000 + this.time;
  setTimeout = (fn: () => void, ms: number): TimerId => {
    const id = this.#next++;
    this.#timers.set(id, { at: this.time + ms, fn });
    return id as unknown as TimerId;
  };
  clearTimeout = (id: TimerId | undefined) => {
    this.#timers.delete(id as unknown as number);
  };
  /** Moves time forward by `ms`, running every timer that comes due. */
  advance(ms: number) {
    this.runTo(this.time + ms);
  }
  /** Moves time to `to`, running every timer that comes due. */
  runTo(to: number) {
    for (;;) {
      const due = [...this.#timers].filter(([, t]) => t.at <= to)
        .sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = to;
  }
  /** How many timers are set and have not run. */
  get pending() {
    return this.#timers.size;
  }
}

/**
 * A socket whose other end the test plays: it keeps what the page sent and
 * how it closed, and opens, receives and closes when the test says so.
 */
export class FakeSocket implements SocketLike {
  readyState = 0;
  bufferedAmount = 0;
  protocol = "";
  extensions = "";
  binaryType: BinaryType = "blob";
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  /** What the page sent, in order. */
  sent: unknown[] = [];
  /** The code and reason of the page's `close` call, if it made one. */
  closedWith: unknown[] | null = null;
  /** Keeps the URL and subprotocols the page asked for. */
  constructor(readonly url: string, readonly protocols: string[]) {}
  send(data: string | ArrayBufferView<ArrayBuffer>) {
    this.sent.push(data);
  }
  close(code?: number, reason?: string) {
    this.closedWith = [code, reason];
    this.readyState = 2;
  }
  /** The server accepts, choosing `protocol`. */
  open(protocol = "") {
    this.readyState = 1;
    this.protocol = protocol;
    this.onopen?.(new Event("open"));
  }
  /** A message arrives from the server. */
  message(data: string | ArrayBuffer) {
    this.onmessage?.(new MessageEvent("message", { data }));
  }
  /** The closing handshake ends, or the connection drops. */
  closed(code: number, reason = "", wasClean = true) {
    this.readyState = 3;
    this.onclose?.(new CloseEvent("close", { code, reason, wasClean }));
  }
  /** The connection fails: an error, then a close with 1006. */
  fail() {
    this.readyState = 3;
    this.onerror?.(new Event("error"));
    this.closed(1006, "", false);
  }
}
