/**
 * The client's connection: one WebSocket at a time, its readyState history,
 * the trace of API calls and events, round-trip times, reconnects with
 * backoff, and a log buffered so a burst of messages renders once.
 * Browser-safe and free of Preact: the socket and the clock are injected,
 * so unit tests drive it with fakes and a script runner can drive it too.
 *
 * @module
 */

import {
  backoffDelay,
  type BackoffOptions,
  DEFAULT_BACKOFF,
} from "./backoff.ts";
import { type LogEntry, READY_STATE_NAMES } from "./event_log.ts";
import {
  appendCapped,
  type CappedLog,
  EMPTY_LOG,
  LOG_CAP_RANGE,
} from "./log_filter.ts";
import { RoomMessages, type RoomTeller } from "./room_messages.ts";
import { formatMs, type RttSummary, RttTracker, summarizeRtt } from "./rtt.ts";
import type { ReadAs } from "./read_as.ts";
import { asksForPushes, pushSequence } from "./server_push.ts";
import type { ReadyState, TraceEntry } from "./trace.ts";

/** The part of the standard `WebSocket` this module uses. */
export interface SocketLike {
  readonly url: string;
  readonly readyState: number;
  readonly bufferedAmount: number;
  readonly protocol: string;
  readonly extensions: string;
  binaryType: BinaryType;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  send(data: string | ArrayBufferView<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
}

/** Makes a socket; `new WebSocket(url, protocols)` in the browser. */
export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

/** Timer id as the injected clock hands it out. */
export type TimerId = ReturnType<typeof setTimeout>;

/** Time as the connection sees it. */
export interface Clock {
  /** Monotonic milliseconds (`performance.now()`); trace times use it. */
  now(): number;
  /** Wall-clock milliseconds (`Date.now()`); log entry times use it. */
  wallNow(): number;
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId | undefined): void;
}

/** The browser's clock. */
export const SYSTEM_CLOCK: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id),
};

/** How a {@linkcode Connection} is built. */
export interface ConnectionOptions {
  /** @default {(url, protocols) => new WebSocket(url, protocols)} */
  createSocket?: SocketFactory;
  /** @default {SYSTEM_CLOCK} */
  clock?: Clock;
  /** Milliseconds between log flushes. @default {50} */
  flushMs?: number;
  /** Milliseconds between `bufferedAmount` and readyState samples. @default {100} */
  sampleMs?: number;
  /** Most log entries kept. @default {1000} */
  maxEntries?: number;
  /** Most trace entries kept; readyState changes are always kept. @default {20000} */
  maxTrace?: number;
  /** @default {DEFAULT_BACKOFF} */
  backoff?: BackoffOptions;
  /** A number in [0, 1) for the backoff's jitter. @default {Math.random} */
  random?: () => number;
}

/** A reconnect attempt that is waiting for its time. */
export interface PendingRetry {
  /** 1 for the first attempt after a loss. */
  attempt: number;
  /** When it runs, on the clock's `now()`. */
  at: number;
  /** Whether the socket that ended had opened (lost) or never did (failed). */
  afterOpen: boolean;
}

/** What the connection shows, as of its last flush. */
export interface ConnectionSnapshot {
  /** `null` before the first socket. */
  readyState: ReadyState | null;
  bufferedAmount: number;
  url: string;
  /** The subprotocols requested. */
  protocols: readonly string[];
  /** Whether the current socket has opened. */
  opened: boolean;
  /** The subprotocol the server selected, "" for none. */
  protocol: string;
  /** The extensions the server selected, "" for none. */
  extensions: string;
  log: CappedLog;
  /** The session's trace (a new array whenever it grew). */
  trace: readonly TraceEntry[];
  /** Round trips on the current socket; `null` before the first echo. */
  rtt: RttSummary | null;
  retry: PendingRetry | null;
  /** The first text message of the current socket, `null` before one. */
  firstText: string | null;
}

/** A script step's mark, as {@linkcode Connection.markStep} takes it. */
export type StepTraceMark = Omit<Extract<TraceEntry, { kind: "mark" }>, "at">;

/** A script step's log entry, as {@linkcode Connection.markStep} takes it. */
export type StepLogEntry = Required<Pick<LogEntry, "text" | "step">>;

/** A message as it arrived: text, or binary as bytes. */
export type MessageData = string | Uint8Array<ArrayBuffer>;

/** Where a message that is no echo came from, as the log labels it. */
export type MessageOrigin = NonNullable<LogEntry["origin"]>;

/** What {@linkcode Connection.addListener} reports, by event name. */
export interface ConnectionEvents {
  /** The page asked for a new connection (not a reconnect attempt). */
  connect: { url: string; protocols: readonly string[] };
  open: { protocol: string; extensions: string };
  /** `origin` is set for another room member's message or a notice. */
  message: { data: MessageData; rtt?: number; origin?: MessageOrigin };
  close: { code: number; reason: string; wasClean: boolean };
  error: Record<string, never>;
  state: { state: ReadyState; cause: string };
  /** The page sent a message (a script, a preset or the composer). */
  send: { data: MessageData };
  /** The page started the closing handshake. */
  closing: { code?: number; reason?: string };
}

const DEFAULTS = {
  flushMs: 50,
  sampleMs: 100,
  maxTrace: 20_000,
};

type Listeners = {
  [K in keyof ConnectionEvents]: Set<(event: ConnectionEvents[K]) => void>;
};

/**
 * A WebSocket session: connect, send, close, reconnect, and everything the
 * API did along the way. Subscribers are told after each flush; listeners
 * hear every event at once (for scripts).
 */
export class Connection {
  readonly #createSocket: SocketFactory;
  readonly #clock: Clock;
  readonly #flushMs: number;
  readonly #sampleMs: number;
  readonly #maxTrace: number;
  readonly #backoff: BackoffOptions;
  readonly #random: () => number;
  #maxEntries: number;

  #socket: SocketLike | null = null;
  #state: ReadyState | null = null;
  #stateSince = 0;
  #target: { url: string; protocols: string[] } | null = null;
  #opened = false;
  /** Whether the socket's URL asks the server to push (`?push`). */
  #pushes = false;
  #leaving = false;
  #attempts = 0;
  #retry: PendingRetry | null = null;
  #retryTimer: TimerId | undefined;
  #sampleTimer: TimerId | undefined;
  #flushTimer: TimerId | undefined;
  #lastBuffered = 0;
  #tracker = new RttTracker();
  /** Tells the page's own echoes from other members' messages (`?room`). */
  #room: RoomTeller = new RoomMessages("");
  /** Wraps each socket's, when the page has several connections. */
  #wrapRoom = (room: RoomTeller, _url: string) => room;
  #nextId = 1;
  #pending: LogEntry[] = [];
  #trace: TraceEntry[] = [];
  #traceDirty = false;
  #firstText: string | null = null;
  #snapshot: ConnectionSnapshot;
  readonly #subscribers = new Set<() => void>();
  readonly #listeners: Listeners = {
    connect: new Set(),
    open: new Set(),
    message: new Set(),
    close: new Set(),
    error: new Set(),
    state: new Set(),
    send: new Set(),
    closing: new Set(),
  };

  /** Whether a dropped connection is retried with backoff. */
  #reconnect = false;

  constructor(options: ConnectionOptions = {}) {
    this.#createSocket = options.createSocket ??
      ((url, protocols) => new WebSocket(url, protocols));
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    this.#flushMs = options.flushMs ?? DEFAULTS.flushMs;
    this.#sampleMs = options.sampleMs ?? DEFAULTS.sampleMs;
    this.#maxTrace = options.maxTrace ?? DEFAULTS.maxTrace;
    this.#maxEntries = options.maxEntries ?? LOG_CAP_RANGE.default;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#random = options.random ?? Math.random;
    this.#snapshot = {
      readyState: null,
      bufferedAmount: 0,
      url: "",
      protocols: [],
      opened: false,
      protocol: "",
      extensions: "",
      log: EMPTY_LOG,
      trace: [],
      rtt: null,
      retry: null,
      firstText: null,
    };
  }

  /** The state as of the last flush; a new object after each change. */
  get snapshot(): ConnectionSnapshot {
    return this.#snapshot;
  }

  /**
   * Has `wrap` wrap how each socket tells its echoes from other room
   * members' messages, the current socket's too.
   */
  wrapRoom(wrap: (room: RoomTeller, url: string) => RoomTeller): void {
    this.#wrapRoom = wrap;
    this.#room = wrap(this.#room, this.#snapshot.url);
  }

  /** Whether a dropped connection is retried; turning it off stops a retry. */
  get reconnect(): boolean {
    return this.#reconnect;
  }
  set reconnect(on: boolean) {
    this.#reconnect = on;
    if (!on) this.stopRetrying();
  }

  /** Calls `fn` after every flush that changed something; returns an unsubscribe. */
  subscribe(fn: () => void): () => void {
    this.#subscribers.add(fn);
    return () => this.#subscribers.delete(fn);
  }

  /** Calls `fn` on every `type` event as it happens; returns a remover. */
  addListener<K extends keyof ConnectionEvents>(
    type: K,
    fn: (event: ConnectionEvents[K]) => void,
  ): () => void {
    const set = this.#listeners[type] as Set<typeof fn>;
    set.add(fn);
    return () => set.delete(fn);
  }

  /**
   * Opens a socket to `url`, closing none: call it when no socket is active.
   * Starts a new trace.
   *
   * @returns the error `new WebSocket` threw (a bad URL), or `null`
   */
  connect(url: string, protocols: string[] = []): string | null {
    this.stopRetrying();
    this.#leaving = false;
    this.#attempts = 0;
    this.#target = { url, protocols };
    this.#trace = [];
    this.#traceDirty = true;
    this.#emit("connect", { url, protocols });
    return this.#open();
  }

  /**
   * Sends a message when the socket is open; `readAs` says how its log
   * entry reads (a message encoded in a format reads as that format).
   *
   * @returns whether it was sent
   */
  send(data: MessageData, readAs?: ReadAs): boolean {
    const ws = this.#socket;
    if (!ws || ws.readyState !== 1) return false;
    ws.send(data);
    const now = this.#clock.now();
    if (this.#room.sent(data)) this.#tracker.sent(now);
    const size = typeof data === "string"
      ? new TextEncoder().encode(data).length
      : data.length;
    const kind = typeof data === "string" ? "text" : "binary";
    this.#addTrace({
      at: now,
      kind: "call",
      name: "send",
      detail: `${kind}, ${size} B`,
    });
    this.#record(
      "send",
      "out",
      typeof data === "string"
        ? { text: data, size }
        : readAs
        ? { bytes: data, size, readAs }
        : { bytes: data, size },
    );
    this.#sampleBuffered(now);
    this.#emit("send", { data });
    return true;
  }

  /**
   * Starts the closing handshake on purpose: no reconnect follows. The
   * socket throws for a code other than 1000 or 3000-4999, or a reason over
   * 123 bytes; check with `validateClose` first.
   */
  close(code?: number, reason?: string): void {
    this.#leaving = true;
    this.stopRetrying();
    const ws = this.#socket;
    if (!ws || ws.readyState > 1) return;
    const args = code === undefined
      ? ""
      : reason
      ? `${code}, "${reason}"`
      : `${code}`;
    this.#addTrace({
      at: this.#clock.now(),
      kind: "call",
      name: "close",
      detail: `close(${args})`,
    });
    ws.close(code, reason);
    this.#emit("closing", { code, reason });
    this.#syncState("close() called");
  }

  /**
   * Records a script step that ended: `mark` on the trace, now (the
   * timeline's step row), and a `step` entry in the log, and so in the
   * export. `stepMark` and `stepEntry` in script_report.ts make both.
   */
  markStep(mark: StepTraceMark, entry: StepLogEntry): void {
    this.#addTrace({ ...mark, at: this.#clock.now() });
    this.#record("step", "none", entry);
  }

  /** Cancels a pending reconnect and says so in the log. */
  stopRetrying(): void {
    if (!this.#retry) return;
    this.#clock.clearTimeout(this.#retryTimer);
    this.#retry = null;
    this.#attempts = 0;
    this.#record("info", "none", { text: "Stopped reconnecting" });
    this.#flush();
  }

  /** Adds a note to the log. */
  note(text: string): void {
    this.#record("info", "none", { text });
  }

  /** Keeps at most `max` log entries from now on, dropping the oldest. */
  setMaxEntries(max: number): void {
    this.#maxEntries = max;
    this.#publish({ log: appendCapped(this.#snapshot.log, [], max) });
  }

  /** Empties the log (the trace stays). */
  clearLog(): void {
    this.#pending = [];
    this.#publish({ log: EMPTY_LOG });
  }

  /** Stops every timer and drops the socket's handlers, closing it politely. */
  dispose(reason = "Page closed"): void {
    this.close(1000, reason);
    for (const id of [this.#retryTimer, this.#sampleTimer, this.#flushTimer]) {
      this.#clock.clearTimeout(id);
    }
    this.#subscribers.clear();
  }

  #open(): string | null {
    const to = this.#target;
    if (!to) return null;
    const now = this.#clock.now();
    const list = to.protocols.length ? ` [${to.protocols.join(", ")}]` : "";
    this.#addTrace({
      at: now,
      kind: "call",
      name: "new WebSocket",
      detail: `${to.url}${list}`,
    });
    let ws: SocketLike;
    try {
      ws = this.#createSocket(to.url, to.protocols);
    } catch (error) {
      const message = (error as Error).message;
      this.#record("error", "none", { text: message });
      this.#flush();
      return message;
    }
    ws.binaryType = "arraybuffer";
    this.#socket = ws;
    this.#opened = false;
    this.#pushes = asksForPushes(to.url);
    this.#firstText = null;
    this.#tracker = new RttTracker();
    this.#room = this.#wrapRoom(new RoomMessages(to.url), to.url);
    this.#lastBuffered = 0;
    this.#state = null;
    this.#publish({
      url: to.url,
      protocols: to.protocols,
      opened: false,
      protocol: "",
      extensions: "",
      rtt: null,
      firstText: null,
    });
    this.#syncState("new WebSocket()");
    ws.onopen = () => this.#onOpen(ws);
    ws.onmessage = (e) => this.#onMessage(ws, e);
    ws.onerror = () => this.#onError(ws);
    ws.onclose = (e) => this.#onClose(ws, e);
    this.#sample();
    return null;
  }

  #onOpen(ws: SocketLike) {
    if (ws !== this.#socket) return;
    this.#opened = true;
    this.#attempts = 0;
    const detail = ws.protocol ? `protocol "${ws.protocol}"` : "no protocol";
    this.#event("open", detail);
    // Before the state, whose change flushes at once: a render showing
    // OPEN with no protocol yet would say the server selected none.
    this.#publish({
      opened: true,
      protocol: ws.protocol,
      extensions: ws.extensions,
    });
    this.#syncState("open event");
    this.#record("open", "none", { text: `Connected to ${ws.url}, ${detail}` });
    this.#emit("open", { protocol: ws.protocol, extensions: ws.extensions });
  }

  #onMessage(ws: SocketLike, e: MessageEvent) {
    if (ws !== this.#socket) return;
    const now = this.#clock.now();
    const data: MessageData = typeof e.data === "string"
      ? e.data
      : new Uint8Array(e.data as ArrayBuffer);
    // A push answers no send: matched, it would shift every echo after it.
    const push = this.#pushes && typeof data === "string"
      ? pushSequence(data) ?? undefined
      : undefined;
    // So does another room member's message or a notice.
    const arrival = push === undefined ? this.#room.received(data) : "push";
    const rtt = arrival === "echo" ? this.#tracker.received(now) : undefined;
    const origin = arrival === "room" || arrival === "presence"
      ? arrival
      : undefined;
    const size = typeof data === "string"
      ? new TextEncoder().encode(data).length
      : data.length;
    const kind = typeof data === "string" ? "text" : "binary";
    const timing = rtt === undefined ? "" : `, RTT ${formatMs(rtt)}`;
    const what = push === undefined ? origin : `push ${push}`;
    this.#event(
      "message",
      `${what ? `${what}, ` : ""}${kind}, ${size} B${timing}`,
      now,
    );
    // An echo means its bytes have left: the line drops now, not a tick on.
    this.#sampleBuffered(now);
    if (typeof data === "string") {
      this.#firstText ??= data;
      this.#record("message", "in", { text: data, size, rtt, push, origin });
    } else {
      this.#record("message", "in", { bytes: data, size, rtt, origin });
    }
    const event: ConnectionEvents["message"] = { data };
    if (rtt !== undefined) event.rtt = rtt;
    if (origin) event.origin = origin;
    this.#emit("message", event);
  }

  // The API gives no detail on purpose (it would leak network information).
  #onError(ws: SocketLike) {
    if (ws !== this.#socket) return;
    this.#event("error", "no detail (by design of the API)");
    this.#record("error", "none", {
      text: "error event (the API gives no detail)",
    });
    this.#emit("error", {});
  }

  #onClose(ws: SocketLike, e: CloseEvent) {
    if (ws !== this.#socket) return;
    const { code, reason, wasClean } = e;
    this.#event(
      "close",
      `code ${code}${reason ? `, "${reason}"` : ""}, wasClean ${wasClean}`,
    );
    // A clean close means a close frame came in; when the page did not
    // start the handshake and no sample caught CLOSING, that frame's
    // arrival is the moment it began.
    if (this.#state === 1 && wasClean) {
      this.#setState(2, "close frame received");
    }
    this.#syncState("close event");
    this.#sampleBuffered(this.#clock.now());
    this.#clock.clearTimeout(this.#sampleTimer);
    this.#tracker.reset();
    this.#room.reset();
    this.#record("close", "none", { close: { code, reason, wasClean } });
    this.#emit("close", { code, reason, wasClean });
    if (this.#reconnect && !this.#leaving) this.#scheduleRetry();
    this.#flush();
  }

  #scheduleRetry() {
    const delay = backoffDelay(this.#attempts++, this.#backoff, this.#random());
    this.#retry = {
      attempt: this.#attempts,
      at: this.#clock.now() + delay,
      afterOpen: this.#opened,
    };
    this.#record("info", "none", {
      text: `Reconnect attempt ${this.#attempts} in ${
        (delay / 1000).toFixed(1)
      } s`,
    });
    this.#retryTimer = this.#clock.setTimeout(() => {
      this.#retry = null;
      this.#open();
    }, delay);
  }

  /** Samples `bufferedAmount` and readyState while the socket lives. */
  #sample() {
    const ws = this.#socket;
    if (!ws || ws.readyState === 3) return;
    this.#syncState(ws.readyState === 2 ? "close frame received" : "sampled");
    this.#sampleBuffered(this.#clock.now());
    this.#sampleTimer = this.#clock.setTimeout(
      () => this.#sample(),
      this.#sampleMs,
    );
  }

  #sampleBuffered(at: number) {
    const bytes = this.#socket?.bufferedAmount ?? 0;
    if (bytes === this.#lastBuffered) return;
    this.#lastBuffered = bytes;
    this.#addTrace({ at, kind: "buffered", bytes });
    this.#publish({ bufferedAmount: bytes });
  }

  /** Records a readyState change the socket shows, if there is one. */
  #syncState(cause: string) {
    const state = this.#socket?.readyState as ReadyState | undefined;
    if (state !== undefined && state !== this.#state) {
      this.#setState(state, cause);
    }
  }

  #setState(state: ReadyState, cause: string) {
    const now = this.#clock.now();
    const previous = this.#state;
    const after = previous === null
      ? ""
      : `, after ${formatMs(now - this.#stateSince)} in ${
        READY_STATE_NAMES[previous]
      }`;
    this.#state = state;
    this.#stateSince = now;
    this.#addTrace({ at: now, kind: "state", state, cause });
    this.#record("state", "none", { state, text: `${cause}${after}` });
    this.#publish({ readyState: state });
    this.#emit("state", { state, cause });
    this.#flush();
  }

  #event(
    name: "open" | "message" | "error" | "close",
    detail: string,
    at?: number,
  ) {
    this.#addTrace({
      at: at ?? this.#clock.now(),
      kind: "event",
      name,
      detail,
    });
  }

  #addTrace(entry: TraceEntry) {
    this.#trace.push(entry);
    this.#traceDirty = true;
    if (this.#trace.length > this.#maxTrace * 1.25) {
      // Keep every readyState change and the newest of the rest.
      const keepFrom = this.#trace.length - this.#maxTrace;
      this.#trace = this.#trace.filter((e, i) =>
        i >= keepFrom || e.kind === "state"
      );
    }
    this.#scheduleFlush();
  }

  #record(
    kind: LogEntry["kind"],
    direction: LogEntry["direction"],
    detail: Partial<LogEntry> = {},
  ) {
    const entry: LogEntry = {
      id: this.#nextId++,
      time: this.#clock.wallNow(),
      kind,
      direction,
      ...detail,
    };
    if (entry.rtt === undefined) delete entry.rtt;
    if (entry.push === undefined) delete entry.push;
    if (entry.origin === undefined) delete entry.origin;
    this.#pending.push(entry);
    this.#scheduleFlush();
  }

  #emit<K extends keyof ConnectionEvents>(type: K, event: ConnectionEvents[K]) {
    for (const fn of this.#listeners[type]) {
      (fn as (event: ConnectionEvents[K]) => void)(event);
    }
  }

  #scheduleFlush() {
    this.#flushTimer ??= this.#clock.setTimeout(
      () => this.#flush(),
      this.#flushMs,
    );
  }

  #publish(change: Partial<ConnectionSnapshot>) {
    this.#snapshot = { ...this.#snapshot, ...change };
    this.#scheduleFlush();
  }

  /** Moves buffered entries into the snapshot and tells subscribers. */
  #flush() {
    this.#clock.clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    const change: Partial<ConnectionSnapshot> = {
      retry: this.#retry,
      firstText: this.#firstText,
      rtt: summarizeRtt(this.#tracker.samples),
    };
    if (this.#pending.length) {
      change.log = appendCapped(
        this.#snapshot.log,
        this.#pending,
        this.#maxEntries,
      );
      this.#pending = [];
    }
    if (this.#traceDirty) {
      change.trace = this.#trace.slice();
      this.#traceDirty = false;
    }
    this.#snapshot = { ...this.#snapshot, ...change };
    for (const fn of this.#subscribers) fn();
  }
}
