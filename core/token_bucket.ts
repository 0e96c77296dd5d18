/**
 * A token bucket: `rate` tokens a second, at most `burst` saved up.
 *
 * Refilled from the clock on each `take`, so an idle connection costs no
 * timer.
 */
export class TokenBucket {
  #rate: number;
  #burst: number;
  #tokens: number;
  #last: number;

  /**
   * @param rate tokens added per second
   * @param burst tokens the bucket holds at most, and starts with
   * @param now the clock, in milliseconds
   */
  constructor(rate: number, burst: number, now: number = performance.now()) {
    this.#rate = rate / 1000;
    this.#burst = burst;
    this.#tokens = burst;
    this.#last = now;
  }

  /** Takes one token; false when the bucket is empty. */
  take(now: number = performance.now()): boolean {
    this.#tokens = Math.min(
      this.#burst,
      this.#tokens + (now - this.#last) * this.#rate,
    );
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
