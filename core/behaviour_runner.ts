/**
 * Carries out one connection's {@linkcode Behaviours}: delayed echoes in
 * order, a close after N echoes, pushes on a timer and the handshake report.
 * Only connections that asked for a behaviour have one, so a plain echo's
 * per-message path stays as it was.
 *
 * @module
 */

import type { Behaviours } from "./behaviours.ts";

/** What the runner needs from its echo session. */
export interface BehaviourHost {
  /** Sends an echo now and counts it. */
  sendEcho(data: string | ArrayBuffer, size: number): void;
  /** Sends a message of the server's own (a push or the report) and counts it. */
  sendOwn(text: string): void;
  /** Starts the close handshake unless one is under way. */
  close(code: number, reason: string): void;
  /**
   * Closes with 1013 when the bytes Deno queued plus `held` exceed the
   * slow-reader limit.
   *
   * @returns true when it closed
   */
  closeIfBacklogged(held: number): boolean;
}

/** An echo waiting for its delay. */
interface Delayed {
  data: string | ArrayBuffer;
  size: number;
  due: number;
}

/** Runs a connection's behaviours on top of its echo. */
export class BehaviourRunner {
  readonly #behaviours: Behaviours;
  readonly #host: BehaviourHost;
  readonly #report: string | null;
  /** Delayed echoes in arrival order; their due times only grow. */
  readonly #queue: Delayed[] = [];
  #queueHead = 0;
  #heldBytes = 0;
  #delayTimer: ReturnType<typeof setTimeout> | undefined;
  #pushTimer: ReturnType<typeof setInterval> | undefined;
  #pushed = 0;
  /** Echoes accepted for sending, delayed or not. */
  #accepted = 0;
  #sent = 0;
  /** Set once the server is shutting down: the time echoes must leave by. */
  #deadline: number | null = null;
  #closeAfterDrain: { code: number; reason: string } | null = null;
  #dropped = 0;
  #stopped = false;

  /**
   * @param report the handshake report to send first, when asked for
   */
  constructor(
    behaviours: Behaviours,
    host: BehaviourHost,
    report: string | null,
  ) {
    this.#behaviours = behaviours;
    this.#host = host;
    this.#report = report;
  }

  /** Echoes that were waiting for their delay when the socket closed. */
  get dropped(): number {
    return this.#dropped;
  }

  /** The socket opened: report, maybe close at once, start pushing. */
  opened(): void {
    const { close, push } = this.#behaviours;
    if (this.#report !== null) this.#host.sendOwn(this.#report);
    if (close !== null && close.after === 0) {
      this.#host.close(close.code, close.reason);
      return;
    }
    if (push !== null) {
      this.#pushTimer = setInterval(() => this.#push(), push.everyMs);
    }
  }

  /** A message arrived that passed the limits: echo it as asked. */
  received(data: string | ArrayBuffer, size: number): void {
    const { close, delayMs } = this.#behaviours;
    if (this.#deadline !== null) return;
    // The close follows the `after`-th echo; later messages race it and are
    // not echoed, as a real server that is closing would not echo them.
    if (close !== null && this.#accepted >= close.after) return;
    this.#accepted++;
    if (delayMs === 0) return this.#send(data, size);
    this.#queue.push({ data, size, due: performance.now() + delayMs });
    this.#heldBytes += size;
    if (this.#host.closeIfBacklogged(this.#heldBytes)) return this.stop();
    if (this.#delayTimer === undefined) this.#schedule();
  }

  /**
   * The server is shutting down: send the delayed echoes due within
   * `graceMs`, drop the rest, then close with `code` and `reason`.
   */
  drain(graceMs: number, code: number, reason: string): void {
    this.#deadline = performance.now() + graceMs;
    this.#stopPushing();
    this.#closeAfterDrain = { code, reason };
    if (this.#queue.length === this.#queueHead) {
      return this.#host.close(code, reason);
    }
    clearTimeout(this.#delayTimer);
    this.#schedule();
  }

  /** The socket closed: no timer outlives it. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#delayTimer);
    this.#stopPushing();
    this.#dropped += this.#queue.length - this.#queueHead;
    this.#queue.length = 0;
    this.#queueHead = 0;
    this.#heldBytes = 0;
  }

  #send(data: string | ArrayBuffer, size: number): void {
    this.#host.sendEcho(data, size);
    this.#sent++;
    if (this.#host.closeIfBacklogged(this.#heldBytes)) return this.stop();
    const close = this.#behaviours.close;
    if (close !== null && this.#sent === close.after) {
      this.#host.close(close.code, close.reason);
    }
  }

  #schedule(): void {
    const next = this.#queue[this.#queueHead];
    if (next === undefined) {
      this.#delayTimer = undefined;
      if (this.#closeAfterDrain !== null) {
        this.#host.close(
          this.#closeAfterDrain.code,
          this.#closeAfterDrain.reason,
        );
      }
      return;
    }
    if (this.#deadline !== null && next.due > this.#deadline) {
      // Past the grace period: what is left would outlive the process.
      this.#dropped += this.#queue.length - this.#queueHead;
      this.#queue.length = this.#queueHead = 0;
      this.#heldBytes = 0;
      this.#delayTimer = undefined;
      const { code, reason } = this.#closeAfterDrain!;
      return this.#host.close(code, reason);
    }
    const wait = Math.max(0, next.due - performance.now());
    this.#delayTimer = setTimeout(() => this.#flushDue(), wait);
  }

  #flushDue(): void {
    const now = performance.now();
    const queue = this.#queue;
    while (
      this.#queueHead < queue.length && queue[this.#queueHead].due <= now
    ) {
      const { data, size } = queue[this.#queueHead];
      queue[this.#queueHead++] = undefined as unknown as Delayed;
      this.#heldBytes -= size;
      this.#send(data, size);
      if (this.#stopped) return;
    }
    // Compact now and then, so a long-lived queue does not keep its past.
    if (this.#queueHead > 1024 && this.#queueHead * 2 > queue.length) {
      queue.splice(0, this.#queueHead);
      this.#queueHead = 0;
    }
    this.#schedule();
  }

  #push(): void {
    const push = this.#behaviours.push!;
    this.#pushed++;
    this.#host.sendOwn(
      `{"push":${this.#pushed},"time":"${new Date().toISOString()}"}`,
    );
    if (this.#host.closeIfBacklogged(this.#heldBytes)) return this.stop();
    if (push.count !== null && this.#pushed >= push.count) this.#stopPushing();
  }

  #stopPushing(): void {
    clearInterval(this.#pushTimer);
    this.#pushTimer = undefined;
  }
}
