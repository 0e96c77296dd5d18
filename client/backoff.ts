/**
 * The reconnect schedule: exponential backoff with jitter, capped. Browser-safe.
 *
 * @module
 */

/** How reconnect attempts are spaced. */
export interface BackoffOptions {
  /** Delay ceiling before the first attempt, in ms. @default {1000} */
  baseMs: number;
  /** Growth of the ceiling per failed attempt. @default {2} */
  factor: number;
  /** Largest delay ceiling, in ms. @default {30000} */
  maxMs: number;
}

/** The defaults, resolved in this one place. */
export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = Object.freeze({
  baseMs: 1000,
  factor: 2,
  maxMs: 30_000,
});

/**
 * Milliseconds to wait before reconnect attempt `attempt` (0 for the first).
 *
 * The ceiling grows as `baseMs × factor^attempt` up to `maxMs`; the delay is
 * drawn from its upper half ("equal jitter"), so clients that lost the same
 * server do not return in step, yet none retries sooner than half the
 * ceiling: a server that is down sees no flood.
 *
 * @param random a number in [0, 1), `Math.random()` by default
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: number = Math.random(),
): number {
  const ceiling = Math.min(
    options.maxMs,
    options.baseMs * options.factor ** Math.max(0, attempt),
  );
  return Math.round(ceiling / 2 + random * ceiling / 2);
}

/** `3400` → `"3.4 s"`; rounds up so a countdown never shows 0 while waiting. */
export function formatCountdown(ms: number): string {
  return `${(Math.ceil(Math.max(0, ms) / 100) / 10).toFixed(1)} s`;
}
