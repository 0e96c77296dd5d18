/**
 * Byte-rate pacing of one connection's echoes: a token bucket on bytes. A
 * connection that moves more than its rate while others are interactive has
 * its echoes held until the bucket has paid for them, so a flood costs the
 * flooder and not everybody. A client that waits for its echoes before
 * sending more is slowed to the rate and loses nothing; one that does not is
 * caught by the slow-reader limit, since held echoes count towards it.
 *
 * @module
 */

/** A token bucket on bytes, refilled from the clock on each charge. */
export class BytePacer {
  readonly #rate: number;
  readonly #burst: number;
  #tokens: number;
  #last: number;

  /**
   * @param rate bytes per second
   * @param burst bytes the bucket holds at most, and starts with
   * @param now the clock, in milliseconds
   */
  constructor(rate: number, burst: number, now: number) {
    this.#rate = rate / 1000;
    this.#burst = burst;
    this.#tokens = burst;
    this.#last = now;
  }

  /**
   * Charges `size` bytes at `now`.
   *
   * @returns how many milliseconds the echo must wait to keep the rate, 0
   *   when the bucket covers it
   */
  charge(size: number, now: number): number {
    const tokens = Math.min(
      this.#burst,
      this.#tokens + (now - this.#last) * this.#rate,
    ) - size;
    this.#last = now;
    this.#tokens = tokens;
    return tokens >= 0 ? 0 : -tokens / this.#rate;
  }

  /**
   * Forgives the debt of the last charge: with nobody to protect, a bulk
   * transfer runs at full speed, and starts from an empty bucket once pacing
   * applies again.
   */
  forgive(): void {
    if (this.#tokens < 0) this.#tokens = 0;
  }
}
