/**
 * Whether a message or a close meets a script's expectation, and if not, what
 * a person needs to see: what was expected, what came, and for JSON each
 * difference by path (`$.id: expected 1, got 2`). Browser-safe.
 *
 * @module
 */

import {
  type CloseExpectation,
  type Expectation,
  expectedBytes,
  isFormatPayload,
  quoteText,
  sameData,
  showBytes,
  showClose,
  showExpectation,
  showJson,
} from "./script.ts";

/** Why an expectation did not hold, in words for a person. */
export interface Mismatch {
  /** What the step expected, e.g. `"hello"` or `json {"id":1}`. */
  expected: string;
  /** What came instead, e.g. `"hullo"`, `hex 00ff`, `close 1011 "x"`. */
  received: string;
  /** For JSON, each difference by path, e.g. `$.id: expected 1, got 2`. */
  diff?: string[];
}

/** A close as the socket reported it. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/** Differences listed at most, so one huge message cannot flood the page. */
const MAX_DIFFS = 10;

/** A message as a person reads it: quoted text, or `hex …` for binary. */
export function showData(data: string | Uint8Array): string {
  return typeof data === "string" ? quoteText(data) : showBytes(data);
}

/** `null` when `data` meets `expect`, else how it differs. */
export function checkMessage(
  expect: Expectation,
  data: string | Uint8Array,
): Mismatch | null {
  const expected = showExpectation(expect);
  const received = showData(data);
  if ("hex" in expect) {
    return sameData(expectedBytes(expect.hex), data)
      ? null
      : { expected, received };
  }
  // Decoding needs a codec, which loads asynchronously.
  if (isFormatPayload(expect)) {
    throw new TypeError("checkMessage got a format; use checkFormat");
  }
  if (typeof data !== "string") return { expected, received };
  if ("equals" in expect) {
    return data === expect.equals ? null : { expected, received };
  }
  if ("matches" in expect) {
    return new RegExp(expect.matches).test(data)
      ? null
      : { expected, received };
  }
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { expected, received: `${received} (not JSON)` };
  }
  const diff = jsonDiff(expect.json, value);
  return diff.length === 0
    ? null
    : { expected, received: showJson(value), diff };
}

/** `null` when `close` has the expected code and reason, else how it differs. */
export function checkClose(
  expect: CloseExpectation,
  close: CloseInfo,
): Mismatch | null {
  const codeOk = expect.code === undefined || expect.code === close.code;
  const reasonOk = expect.reason === undefined ||
    expect.reason === close.reason;
  return codeOk && reasonOk
    ? null
    : { expected: showClose(expect), received: showClose(close) };
}

/**
 * How `actual` fails to contain `expected`: objects need every expected key
 * (others may be there too), arrays need the same length and each item to
 * match, other values must be equal. Empty when it contains it.
 */
export function jsonDiff(
  expected: unknown,
  actual: unknown,
  path = "$",
): string[] {
  const diffs: string[] = [];
  collect(expected, actual, path, diffs);
  return diffs.length <= MAX_DIFFS ? diffs : [
    ...diffs.slice(0, MAX_DIFFS),
    `… and ${diffs.length - MAX_DIFFS} more`,
  ];
}

function collect(
  expected: unknown,
  actual: unknown,
  path: string,
  diffs: string[],
): void {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      diffs.push(`${path}: expected an array, got ${showJson(actual)}`);
    } else if (actual.length !== expected.length) {
      diffs.push(
        `${path}: expected ${expected.length} items, got ${actual.length}`,
      );
    } else {
      expected.forEach((item, i) =>
        collect(item, actual[i], `${path}[${i}]`, diffs)
      );
    }
    return;
  }
  if (typeof expected === "object" && expected !== null) {
    if (
      typeof actual !== "object" || actual === null || Array.isArray(actual)
    ) {
      diffs.push(`${path}: expected an object, got ${showJson(actual)}`);
      return;
    }
    const record = actual as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) {
      const at = `${path}${member(key)}`;
      if (Object.hasOwn(record, key)) collect(value, record[key], at, diffs);
      else diffs.push(`${at}: missing, expected ${showJson(value)}`);
    }
    return;
  }
  if (expected !== actual) {
    diffs.push(
      `${path}: expected ${showJson(expected)}, got ${showJson(actual)}`,
    );
  }
}

function member(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key)
    ? `.${key}`
    : `[${JSON.stringify(key)}]`;
}
