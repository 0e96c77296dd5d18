/**
 * Round-trip times against an echo server. An echo answers in order, so the
 * n-th message back answers the n-th message sent: a FIFO of send times is
 * all the matching needs. Browser-safe.
 *
 * @module
 */

/** How many recent round trips the running summary keeps. */
export const RTT_WINDOW = 1000;

/** Matches echoes to sends by order and keeps recent round-trip times. */
export class RttTracker {
  readonly #sent: number[] = [];
  #head = 0;
  readonly #samples: number[] = [];
  readonly #window: number;

  /** @param window how many recent round trips to keep @default {1000} */
  constructor(window = RTT_WINDOW) {
    this.#window = window;
  }

  /** Messages sent and not yet echoed. */
  get pending(): number {
    return this.#sent.length - this.#head;
  }

  /** Recent round-trip times in milliseconds, oldest first. */
  get samples(): readonly number[] {
    return this.#samples;
  }

  /** Records that a message was sent at `time` (milliseconds). */
  sent(time: number): void {
    this.#sent.push(time);
  }

  /**
   * Records that a message came back at `time`.
   *
   * @returns its round-trip time, or `undefined` when nothing was waiting
   * (the server spoke first, so this is not an echo)
   */
  received(time: number): number | undefined {
    if (this.#head === this.#sent.length) return undefined;
    const rtt = time - this.#sent[this.#head++];
    // Compact now and then rather than shift(), which is O(n) per call.
    if (this.#head > 1024 && this.#head * 2 > this.#sent.length) {
      this.#sent.splice(0, this.#head);
      this.#head = 0;
    }
    this.#samples.push(rtt);
    if (this.#samples.length > this.#window) this.#samples.shift();
    return rtt;
  }

  /** Forgets sends still waiting, as when the connection closes. */
  reset(): void {
    this.#sent.length = 0;
    this.#head = 0;
  }
}

/**
 * The `p`-th percentile (0-100) of ascending `sorted` values by the
 * nearest-rank method: the smallest value with at least p% at or below it.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** A summary of round-trip times in milliseconds. */
export interface RttSummary {
  count: number;
  last: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Summarises samples in the order they were taken; `null` when empty. */
export function summarizeRtt(samples: readonly number[]): RttSummary | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: samples.length,
    last: samples[samples.length - 1],
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
  };
}

/** `0.42` → `"0.42 ms"`, `12.3456` → `"12.3 ms"`, `1534` → `"1534 ms"`. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms)} ms`;
}
