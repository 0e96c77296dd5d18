/**
 * Checks a script before anything runs: its shape, every regular expression,
 * every hex and base64 payload, close codes and every bound. An error names
 * where the script is wrong, e.g. `steps[3].expect.hex: "0g" is not hex ("g"
 * is not a hex digit)`. Browser-safe.
 *
 * @module
 */

import { parseBase64, parseHex } from "./bytes.ts";
import {
  EXPECT_KINDS,
  type Expectation,
  quoteText,
  type Repeat,
  type Script,
  SCRIPT_KEYS,
  SCRIPT_LIMITS,
  SEND_KINDS,
  type SendPayload,
  type Step,
  STEP_KINDS,
} from "./script.ts";

type Json = Record<string, unknown>;

/**
 * A script from its JSON text, or from a value already parsed.
 *
 * The `$schema` key is accepted and dropped. Steps are copied, so the result
 * shares nothing with `input`.
 *
 * @throws {SyntaxError} when the text is not JSON, or a regular expression,
 *   hex or base64 payload does not parse
 * @throws {TypeError} when a value has the wrong type or a key is unknown
 * @throws {RangeError} when a number is out of its bounds
 */
export function parseScript(input: unknown): Script {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (error) {
      // V8 quotes the text around the error, newlines and all; keep one line.
      const message = (error as Error).message.replace(/\r?\n/g, "\\n");
      throw new SyntaxError(`Not JSON: ${message}`);
    }
  }
  const root = object(value, "");
  onlyKeys(root, "", SCRIPT_KEYS);
  const script: Script = { steps: [] };
  if (root.url !== undefined) script.url = url(root.url);
  if (root.protocols !== undefined) {
    script.protocols = protocols(root.protocols);
  }
  if (root.steps === undefined) throw new TypeError(`Script: has no "steps"`);
  script.steps = steps(root.steps, "steps", 0);
  return script;
}

/**
 * Checks a URL to connect to as a script's `url` is checked; errors name
 * `path`.
 *
 * @throws {SyntaxError} when it is not a `ws:` or `wss:` URL
 */
export function parseScriptUrl(text: string, path = "url"): string {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new SyntaxError(`${path}: ${quoteText(text)} is not a URL`);
  }
  if (parsed.protocol !== "ws:" && parsed.protocol !== "wss:") {
    throw new SyntaxError(
      `${path}: ${quoteText(text)} is not a ws: or wss: URL`,
    );
  }
  return text;
}

function steps(value: unknown, path: string, depth: number): Step[] {
  if (!Array.isArray(value)) {
    throw new TypeError(
      `${path}: expected an array of steps, got ${kind(value)}`,
    );
  }
  if (value.length === 0) {
    throw new RangeError(`${path}: expected at least one step`);
  }
  return value.map((item, i) => step(item, `${path}[${i}]`, depth));
}

function step(value: unknown, path: string, depth: number): Step {
  const json = object(value, path);
  const kinds = STEP_KINDS.filter((name) => name in json);
  if (kinds.length === 0) {
    const key = Object.keys(json)[0];
    const what = key === undefined ? "an empty step" : `"${key}"`;
    throw new TypeError(
      `${path}: ${what} is not a step; expected one of ${
        STEP_KINDS.join(", ")
      }`,
    );
  }
  if (kinds.length > 1) {
    throw new TypeError(
      `${path}: has both "${kinds[0]}" and "${
        kinds[1]
      }"; a step does one thing`,
    );
  }
  const name = kinds[0];
  const at = `${path}.${name}`;
  const waits = name === "expect" || name === "expectClose";
  onlyKeys(json, path, waits ? [name, "timeoutMs"] : [name]);
  const timeout = json.timeoutMs === undefined ? {} : {
    timeoutMs: integer(
      json.timeoutMs,
      `${path}.timeoutMs`,
      1,
      SCRIPT_LIMITS.maxMs,
    ),
  };
  switch (name) {
    case "send":
      return { send: send(json.send, at) };
    case "expect":
      return { expect: expectation(json.expect, at), ...timeout };
    case "wait":
      return { wait: integer(json.wait, at, 0, SCRIPT_LIMITS.maxMs) };
    case "repeat":
      return { repeat: repeat(json.repeat, at, depth + 1) };
    case "close":
      return { close: close(json.close, at) };
    case "expectClose":
      return { expectClose: expectClose(json.expectClose, at), ...timeout };
  }
}

function send(value: unknown, path: string): SendPayload {
  if (typeof value === "string") return value;
  const json = object(value, path, "a string or an object");
  const name = oneOf(json, path, SEND_KINDS);
  if (name === "json") return { json: anyJson(json.json, `${path}.json`) };
  if (name === "hex") return { hex: hex(json.hex, `${path}.hex`) };
  return { base64: base64(json.base64, `${path}.base64`) };
}

function expectation(value: unknown, path: string): Expectation {
  const json = object(value, path);
  const name = oneOf(json, path, EXPECT_KINDS);
  const at = `${path}.${name}`;
  switch (name) {
    case "equals":
      return { equals: string(json.equals, at) };
    case "matches":
      return { matches: regex(json.matches, at) };
    case "json":
      return { json: anyJson(json.json, at) };
    case "hex":
      return { hex: hex(json.hex, at) };
  }
}

function repeat(value: unknown, path: string, depth: number): Repeat {
  const json = object(value, path);
  if (depth > SCRIPT_LIMITS.maxDepth) {
    throw new RangeError(
      `${path}: repeats nest deeper than ${SCRIPT_LIMITS.maxDepth}`,
    );
  }
  if ("times" in json) {
    onlyKeys(json, path, ["times", "steps"]);
    const times = integer(
      json.times,
      `${path}.times`,
      1,
      SCRIPT_LIMITS.maxTimes,
    );
    return { times, steps: steps(json.steps, `${path}.steps`, depth) };
  }
  if (!("everyMs" in json)) {
    throw new TypeError(`${path}: expected "times", or "everyMs" and "forMs"`);
  }
  onlyKeys(json, path, ["everyMs", "forMs", "steps"]);
  const { maxMs } = SCRIPT_LIMITS;
  const everyMs = integer(json.everyMs, `${path}.everyMs`, 1, maxMs);
  const forMs = integer(json.forMs, `${path}.forMs`, 1, maxMs);
  return { everyMs, forMs, steps: steps(json.steps, `${path}.steps`, depth) };
}

function close(
  value: unknown,
  path: string,
): { code?: number; reason?: string } {
  const json = object(value, path);
  onlyKeys(json, path, ["code", "reason"]);
  const result: { code?: number; reason?: string } = {};
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

function expectClose(
  value: unknown,
  path: string,
): { code?: number; reason?: string } {
  const json = object(value, path);
  onlyKeys(json, path, ["code", "reason"]);
  const result: { code?: number; reason?: string } = {};
  if (json.code !== undefined) {
    result.code = integer(json.code, `${path}.code`, 1000, 4999);
  }
  if (json.reason !== undefined) {
    result.reason = reason(json.reason, `${path}.reason`);
  }
  return result;
}

function url(value: unknown): string {
  return parseScriptUrl(string(value, "url"));
}

// A subprotocol is an HTTP token (RFC 6455 §4.1, RFC 9110 §5.6.2).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function protocols(value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw new TypeError(
      `protocols: expected an array of strings, got ${kind(value)}`,
    );
  }
  return value.map((item, i) => {
    const path = `protocols[${i}]`;
    const protocol = string(item, path);
    if (!TOKEN.test(protocol)) {
      throw new SyntaxError(
        `${path}: ${JSON.stringify(protocol)} is not a valid subprotocol name`,
      );
    }
    if (value.indexOf(protocol) !== i) {
      throw new SyntaxError(
        `${path}: ${JSON.stringify(protocol)} is listed twice`,
      );
    }
    return protocol;
  });
}

function hex(value: unknown, path: string): string {
  const text = string(value, path);
  const bytes = parseHex(text);
  if (typeof bytes === "string") {
    throw new SyntaxError(`${path}: ${quoteText(text)} is not hex (${bytes})`);
  }
  return text;
}

function base64(value: unknown, path: string): string {
  const text = string(value, path);
  const bytes = parseBase64(text);
  if (typeof bytes === "string") {
    throw new SyntaxError(
      `${path}: ${quoteText(text)} is not base64 (${bytes})`,
    );
  }
  return text;
}

function regex(value: unknown, path: string): string {
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

function reason(value: unknown, path: string): string {
  const text = string(value, path);
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > SCRIPT_LIMITS.maxReasonBytes) {
    throw new RangeError(
      `${path}: ${bytes} bytes of UTF-8, more than ${SCRIPT_LIMITS.maxReasonBytes}`,
    );
  }
  return text;
}

function anyJson(value: unknown, path: string): unknown {
  if (value === undefined) {
    throw new TypeError(`${path}: expected a JSON value`);
  }
  return structuredClone(value);
}

function string(value: unknown, path: string): string {
  if (typeof value !== "string") {
    throw new TypeError(`${path}: expected a string, got ${kind(value)}`);
  }
  return value;
}

function integer(
  value: unknown,
  path: string,
  min: number,
  max: number,
): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(
      `${path}: expected an integer ${min}-${max}, got ${kind(value)}`,
    );
  }
  if (value < min || value > max) {
    throw new RangeError(
      `${path}: ${value} is out of range, expected ${min}-${max}`,
    );
  }
  return value;
}

function object(value: unknown, path: string, expected = "an object"): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const where = path === "" ? "Script" : path;
    throw new TypeError(`${where}: expected ${expected}, got ${kind(value)}`);
  }
  return value as Json;
}

function onlyKeys(json: Json, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(json)) {
    if (!allowed.includes(key)) {
      const where = path === "" ? "Script" : path;
      throw new TypeError(
        `${where}: unknown key "${key}"; expected ${allowed.join(", ")}`,
      );
    }
  }
}

function oneOf<K extends string>(
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

function kind(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return quoteText(value);
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
