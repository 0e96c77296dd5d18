/**
 * Carries out one connection's {@linkcode Behaviours}: delayed echoes in
 * order, a close after N echoes, pushes on a timer and the handshake report.
 * Only connections that asked for a behaviour have one, so a plain echo's
 * per-message path stays as it was.
 *
 * @module
 */

import type { Behaviours } from "./behaviours.ts";
import { DelayQueue } from "./delay_queue.ts";

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

/** Runs a connection's behaviours on top of its echo. */
export class BehaviourRunner {
  readonly #behaviours: Behaviours;
  readonly #host: BehaviourHost;
  readonly #report: string | null;
  readonly #delayed: DelayQueue;
  #pushTimer: ReturnType<typeof setInterval> | undefined;
  #pushed = 0;
  /** Echoes accepted for sending, delayed or not. */
  #accepted = 0;
  #sent = 0;
  #draining = false;
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
    this.#delayed = new DelayQueue((data, size) => this.#send(data, size));
  }

  /** Echoes that were waiting for their delay when the socket closed. */
  get dropped(): number {
    return this.#delayed.dropped;
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

  /**
   * A message arrived that passed the limits: echo it as asked.
   *
   * @param notBefore the earliest time its echo may go, from pacing
   */
  received(data: string | ArrayBuffer, size: number, notBefore: number): void {
    const { close, delayMs } = this.#behaviours;
    if (this.#draining) return;
    // The close follows the `after`-th echo; later messages race it and are
    // not echoed, as a real server that is closing would not echo them.
    if (close !== null && this.#accepted >= close.after) return;
    this.#accepted++;
    const now = performance.now();
    const due = Math.max(now + delayMs, notBefore);
    if (due <= now && this.#delayed.empty) return this.#send(data, size);
    this.#delayed.push(data, size, due);
    if (this.#host.closeIfBacklogged(this.#delayed.heldBytes)) this.stop();
  }

  /**
   * The server is shutting down: send at once the delayed echoes due within
   * `graceMs`, drop the rest, then close with `code` and `reason`.
   */
  drain(graceMs: number, code: number, reason: string): void {
    this.#draining = true;
    this.#stopPushing();
    this.#delayed.flushUntil(performance.now() + graceMs);
    this.#host.close(code, reason);
  }

  /** The socket closed: no timer outlives it. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#stopPushing();
    this.#delayed.stop();
  }

  #send(data: string | ArrayBuffer, size: number): void {
    this.#host.sendEcho(data, size);
    this.#sent++;
    if (this.#host.closeIfBacklogged(this.#delayed.heldBytes)) {
      return this.stop();
    }
    const close = this.#behaviours.close;
    if (close !== null && this.#sent === close.after) {
      this.#host.close(close.code, close.reason);
    }
  }

  #push(): void {
    const push = this.#behaviours.push!;
    this.#pushed++;
    this.#host.sendOwn(
      `{"push":${this.#pushed},"time":"${new Date().toISOString()}"}`,
    );
    if (this.#host.closeIfBacklogged(this.#delayed.heldBytes)) {
      return this.stop();
    }
    if (push.count !== null && this.#pushed >= push.count) this.#stopPushing();
  }

  #stopPushing(): void {
    clearInterval(this.#pushTimer);
    this.#pushTimer = undefined;
  }
}
