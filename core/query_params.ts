/**
 * The query parameters of an echo URL, read with the rules every server
 * behaviour shares: unknown parameters are ignored, each known one is given
 * at most once, a modifier needs its owner, and a feature a deployment turned
 * off is refused by name. Browser-safe.
 *
 * @module
 */

/** A URL's parameters, once it is known to ask for some of ours. */
export class QueryParams {
  readonly #params: URLSearchParams;

  private constructor(params: URLSearchParams) {
    this.#params = params;
  }

  /**
   * Reads `url`'s query when it names any of `names`.
   *
   * @param turnedOff when the feature is off, what to say of it, e.g.
   *   `"Rooms are turned off here (ROOMS=false)"`; `null` when it is on
   * @returns the parameters, or `null` when the URL names none of `names`
   * @throws {RangeError} when it names some and the feature is off
   */
  static read(
    url: string,
    names: readonly string[],
    turnedOff: string | null,
  ): QueryParams | null {
    // Most handshakes carry no query: answer them without parsing the URL.
    const query = url.indexOf("?");
    if (query < 0) return null;
    const params = new URLSearchParams(url.slice(query + 1).split("#")[0]);
    const asked = names.filter((name) => params.has(name));
    if (asked.length === 0) return null;
    if (turnedOff !== null) {
      throw new RangeError(
        `${turnedOff}: remove ${
          asked.map((name) => `"${name}"`).join(", ")
        } from the URL`,
      );
    }
    return new QueryParams(params);
  }

  /** Whether `name` is given. */
  has(name: string): boolean {
    return this.#params.has(name);
  }

  /**
   * The value of `name`, or `null` when it is not given.
   *
   * @throws {RangeError} when it is given more than once
   */
  one(name: string): string | null {
    const values = this.#params.getAll(name);
    if (values.length > 1) {
      throw new RangeError(
        `${name} is given ${values.length} times, expected it once`,
      );
    }
    return values[0] ?? null;
  }

  /** @throws {RangeError} when `name` is given without `owner` */
  requires(name: string, owner: string): void {
    if (this.has(name) && !this.has(owner)) {
      throw new RangeError(
        `${name} is given without ${owner}, which it modifies`,
      );
    }
  }
}

/** The error for a parameter's bad value, naming the accepted form. */
export function invalidParam(
  name: string,
  value: string,
  expected: string,
): RangeError {
  return new RangeError(
    `${name} is ${JSON.stringify(value)}, expected ${expected}`,
  );
}
