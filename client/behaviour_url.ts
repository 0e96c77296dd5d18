/**
 * The server behaviours' query parameters (`?delay=500`, `?status=503`, …)
 * as the page's "Server behaviour" panel reads and writes them in the URL it
 * connects to. The URL is the one source of truth: the panel shows what its
 * query asks for, and each control rewrites one parameter, so a learner sees
 * the query string they would type. Browser-safe.
 *
 * The parameter names come from the server's parsers (core/behaviours.ts
 * and, for rooms, core/room_params.ts). The checks here run as the user
 * types, one parameter at a time, and keep the server's wording; a test
 * checks that the two agree.
 *
 * @module
 */

import { BEHAVIOUR_PARAMS } from "../core/behaviours.ts";
import { ROOM_NAME, ROOM_NAME_FORM, ROOM_PARAMS } from "../core/room_params.ts";

export { BEHAVIOUR_PARAMS, ROOM_PARAMS };

/** Every parameter the panel reads and writes: behaviours, then rooms. */
export const PANEL_PARAMS = [...BEHAVIOUR_PARAMS, ...ROOM_PARAMS] as const;

/** One behaviour or room parameter's name. */
export type BehaviourParam = typeof PANEL_PARAMS[number];

/** The behaviour parameters a URL carries, by name; absent ones are absent. */
export type BehaviourValues = Partial<Record<BehaviourParam, string>>;

/** What a parameter holds when the panel turns it on. */
export const BEHAVIOUR_DEFAULTS: Readonly<Record<BehaviourParam, string>> =
  Object.freeze({
    delay: "500",
    status: "503",
    close: "1011",
    reason: "",
    after: "0",
    push: "1000",
    count: "",
    handshake: "1",
    room: "lobby",
    // The server echoes by default: the panel writes self only to say no.
    self: "0",
    presence: "1",
  });

/** Parameters that only modify another, which the server needs beside them. */
const MODIFIES: Partial<Record<BehaviourParam, BehaviourParam>> = {
  reason: "close",
  after: "close",
  count: "push",
  self: "room",
  presence: "room",
};

/** Integer parameters' ranges, as the server accepts them. */
const RANGES: Partial<Record<BehaviourParam, [number, number]>> = {
  delay: [0, 60_000],
  status: [400, 599],
  after: [0, 1_000_000],
  push: [10, 60_000],
  count: [1, 100_000],
};

/** The largest close reason a close frame can carry (RFC 6455 §5.5). */
const MAX_REASON_BYTES = 123;

/**
 * Reads the behaviour parameters of `url`.
 *
 * @returns them by name, or `null` when `url` does not parse
 */
export function readBehaviours(url: string): BehaviourValues | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  const values: BehaviourValues = {};
  for (const name of PANEL_PARAMS) {
    const value = parsed.searchParams.get(name);
    if (value !== null) values[name] = value;
  }
  return values;
}

/**
 * `url` with parameter `name` set to `value`, or removed when `value` is
 * `null`; other parameters keep their place. Removing `close`, `push` or
 * `room` removes the parameters that modify it, which the server would
 * refuse alone.
 *
 * @returns the new URL, or `url` unchanged when it does not parse
 */
export function withBehaviour(
  url: string,
  name: BehaviourParam,
  value: string | null,
): string {
  const parsed = parseUrl(url);
  if (!parsed) return url;
  const params = parsed.searchParams;
  if (value === null) {
    params.delete(name);
    for (const [modifier, owner] of Object.entries(MODIFIES)) {
      if (owner === name) params.delete(modifier);
    }
  } else params.set(name, value);
  // `URLSearchParams` writes a space as "+", which the server reads back as
  // a space; an empty query leaves no bare "?".
  parsed.search = params.toString();
  return parsed.href;
}

/**
 * What the server would refuse in `values`, in its words.
 *
 * @returns one line per parameter in error, by name
 */
export function behaviourProblems(values: BehaviourValues): BehaviourValues {
  const problems: BehaviourValues = {};
  for (const name of PANEL_PARAMS) {
    const value = values[name];
    if (value === undefined) continue;
    const owner = MODIFIES[name];
    const range = RANGES[name];
    if (owner && values[owner] === undefined) {
      problems[name] = `${name} is given without ${owner}, which it modifies`;
    } else if (range && !inRange(value, range)) {
      problems[name] = invalid(name, value, `an integer ${range.join("-")}`);
    } else if (name === "close" && !isRequestableCloseCode(value)) {
      problems[name] = invalid(
        name,
        value,
        "a close code 1000-1003, 1007-1013 or 3000-4999",
      );
    } else if (
      name === "reason" &&
      new TextEncoder().encode(value).length > MAX_REASON_BYTES
    ) {
      problems[name] = invalid(
        name,
        value.length > 40 ? `${value.slice(0, 40)}…` : value,
        `text of at most ${MAX_REASON_BYTES} UTF-8 bytes`,
      );
    } else if (name === "room" && !ROOM_NAME.test(value)) {
      // The server shows at most 70 characters of a bad name.
      const shown = value.length > 70 ? `${value.slice(0, 70)}…` : value;
      problems[name] = invalid(name, shown, ROOM_NAME_FORM);
    } else if (name === "self" && value !== "0" && value !== "1") {
      problems[name] = invalid(name, value, "0 or 1");
    } else if (
      (name === "handshake" || name === "presence") && value !== "1"
    ) {
      problems[name] = invalid(name, value, "1");
    }
  }
  return problems;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function inRange(value: string, [min, max]: [number, number]): boolean {
  const n = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  return n >= min && n <= max;
}

function isRequestableCloseCode(value: string): boolean {
  const code = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  // 1004-1006 and 1015 are reserved; the server refuses 1014 (see README).
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1013) ||
    (code >= 3000 && code <= 4999);
}

function invalid(name: string, value: string, expected: string): string {
  return `${name} is ${JSON.stringify(value)}, expected ${expected}`;
}
