/**
 * Checks one field of a script: its type, its bounds, that an encoding
 * decodes or a regular expression compiles. Each error names the field's
 * path, e.g. `steps[3].expect.hex: "0g" is not hex ("g" is not a hex digit)`.
 * Browser-safe.
 *
 * @module
 */

import { parseBase64, parseHex } from "./bytes.ts";
import {
  type CloseExpectation,
  type CloseRequest,
  quoteText,
  SCRIPT_LIMITS,
} from "./script.ts";

/** A JSON object being checked. */
export type Json = Record<string, unknown>;

/** A hex string that decodes to bytes. */
export function hex(value: unknown, path: string): string {
  const text = string(value, path);
  const bytes = parseHex(text);
  if (typeof bytes === "string") {
    throw new SyntaxError(`${path}: ${quoteText(text)} is not hex (${bytes})`);
  }
  return text;
}

/** A base64 string that decodes to bytes. */
export function base64(value: unknown, path: string): string {
  const text = string(value, path);
  const bytes = parseBase64(text);
  if (typeof bytes === "string") {
    throw new SyntaxError(
      `${path}: ${quoteText(text)} is not base64 (${bytes})`,
    );
  }
  return text;
}

/** A regular expression that compiles. */
export function regex(value: unknown, path: string): string {
  const text = string(value, path);
  try {
    new RegExp(text);
  } catch (error) {
    throw new SyntaxError(
      `${path}: ${JSON.stringify(text)} is not a regular expression (${
        (error as Error).message
      })`,
    );
  }
  return text;
}

/** A close reason that fits a close frame. */
export function reason(value: unknown, path: string): string {
  const text = string(value, path);
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > SCRIPT_LIMITS.maxReasonBytes) {
    throw new RangeError(
      `${path}: ${bytes} bytes of UTF-8, more than ${SCRIPT_LIMITS.maxReasonBytes}`,
    );
  }
  return text;
}

/** A `close` step's request: a code a client may send, a reason only with one. */
export function closeRequest(value: unknown, path: string): CloseRequest {
  const json = object(value, path);
  onlyKeys(json, path, ["code", "reason"]);
  const result: CloseRequest = {};
  if (json.code !== undefined) {
    const code = integer(json.code, `${path}.code`, 1000, 4999);
    // WebSocket.close() accepts only these (WHATWG WebSockets §3.1).
    if (code !== 1000 && code < 3000) {
      throw new RangeError(
        `${path}.code: ${code} cannot be sent; use 1000 or 3000-4999`,
      );
    }
    result.code = code;
  }
  if (json.reason !== undefined) {
    if (result.code === undefined) {
      throw new TypeError(`${path}.reason: needs a code`);
    }
    result.reason = reason(json.reason, `${path}.reason`);
  }
  return result;
}

/** An `expectClose` step's expectation: a code and a reason, each optional. */
export function closeExpectation(
  value: unknown,
  path: string,
): CloseExpectation {
  const json = object(value, path);
  onlyKeys(json, path, ["code", "reason"]);
  const result: CloseExpectation = {};
  if (json.code !== undefined) {
    result.code = integer(json.code, `${path}.code`, 1000, 4999);
  }
  if (json.reason !== undefined) {
    result.reason = reason(json.reason, `${path}.reason`);
  }
  return result;
}

/** Any JSON value, copied. */
export function anyJson(value: unknown, path: string): unknown {
  if (value === undefined) {
    throw new TypeError(`${path}: expected a JSON value`);
  }
  return structuredClone(value);
}

/** A string. */
export function string(value: unknown, path: string): string {
  if (typeof value !== "string") {
    throw new TypeError(
      `${path}: expected a string, got ${describeValue(value)}`,
    );
  }
  return value;
}

/** An integer from `min` to `max`. */
export function integer(
  value: unknown,
  path: string,
  min: number,
  max: number,
): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(
      `${path}: expected an integer ${min}-${max}, got ${describeValue(value)}`,
    );
  }
  if (value < min || value > max) {
    throw new RangeError(
      `${path}: ${value} is out of range, expected ${min}-${max}`,
    );
  }
  return value;
}

/** A JSON object (not an array, not null). */
export function object(
  value: unknown,
  path: string,
  expected = "an object",
): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const where = path === "" ? "Script" : path;
    throw new TypeError(
      `${where}: expected ${expected}, got ${describeValue(value)}`,
    );
  }
  return value as Json;
}

/** Throws on the first key of `json` not in `allowed`. */
export function onlyKeys(
  json: Json,
  path: string,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(json)) {
    if (!allowed.includes(key)) {
      const where = path === "" ? "Script" : path;
      throw new TypeError(
        `${where}: unknown key "${key}"; expected ${allowed.join(", ")}`,
      );
    }
  }
}

/** The one key of `json`, which must be one of `kinds`. */
export function oneOf<K extends string>(
  json: Json,
  path: string,
  kinds: readonly K[],
): K {
  const keys = Object.keys(json);
  const name = kinds.find((k) => k === keys[0]);
  if (keys.length !== 1 || name === undefined) {
    throw new TypeError(
      `${path}: expected exactly one of ${kinds.join(", ")}, got ${
        keys.length === 0 ? "none" : keys.map((k) => `"${k}"`).join(", ")
      }`,
    );
  }
  return name;
}

/** A wrong value as an error names it: `null`, `an array`, `5`, `"5"`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return quoteText(value);
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
