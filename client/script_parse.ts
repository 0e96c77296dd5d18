/**
 * Checks a script before anything runs: its shape, every regular expression,
 * every hex and base64 payload, close codes and every bound. An error names
 * where the script is wrong, e.g. `steps[3].expect.hex: "0g" is not hex ("g"
 * is not a hex digit)`. Browser-safe.
 *
 * @module
 */

import {
  anyJson,
  base64,
  closeExpectation,
  closeRequest,
  describeValue,
  hex,
  integer,
  type Json,
  object,
  oneOf,
  onlyKeys,
  regex,
  string,
} from "./script_fields.ts";
import { parsePresets } from "./preset_edit.ts";
import { parseFormatPayload } from "./script_formats.ts";
import {
  parseConnections,
  parseOn,
  parseScriptUrl,
  protocols,
} from "./script_connections.ts";
import {
  connectionNames,
  EXPECT_KINDS,
  type Expectation,
  FORMAT_KINDS,
  type FormatPayload,
  type Repeat,
  type Script,
  SCRIPT_KEYS,
  SCRIPT_LIMITS,
  type Step,
  STEP_KINDS,
} from "./script.ts";
import { SEND_KINDS, type SendPayload } from "./send_payload.ts";

/**
 * A script from its JSON text, or from a value already parsed.
 *
 * The `$schema` key is accepted and dropped. Steps are copied, so the result
 * shares nothing with `input`.
 *
 * @throws {SyntaxError} when the text is not JSON, or a regular expression,
 *   hex or base64 payload does not parse
 * @throws {TypeError} when a value has the wrong type, a key is unknown,
 *   `url` or `protocols` come with `connections`, or a step's `on` names a
 *   connection the script does not declare
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
  if (root.connections !== undefined) {
    // Which connection a top-level url or protocols would belong to is
    // not clear, so a script says one or the other.
    for (const key of ["url", "protocols"]) {
      if (root[key] !== undefined) {
        throw new TypeError(
          `Script: has both "${key}" and "connections"; give each connection its own`,
        );
      }
    }
    script.connections = parseConnections(root.connections);
  }
  if (root.presets !== undefined) script.presets = parsePresets(root.presets);
  if (root.proto !== undefined) script.proto = string(root.proto, "proto");
  if (root.steps === undefined) throw new TypeError(`Script: has no "steps"`);
  const context = { depth: 0, names: connectionNames(script) };
  script.steps = steps(root.steps, "steps", context);
  return script;
}

/** Where a step sits: how deep in repeats, and the connections declared. */
interface Context {
  depth: number;
  names: readonly string[];
}

function steps(value: unknown, path: string, context: Context): Step[] {
  if (!Array.isArray(value)) {
    throw new TypeError(
      `${path}: expected an array of steps, got ${describeValue(value)}`,
    );
  }
  if (value.length === 0) {
    throw new RangeError(`${path}: expected at least one step`);
  }
  return value.map((item, i) => step(item, `${path}[${i}]`, context));
}

function step(value: unknown, path: string, context: Context): Step {
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
  const waits = name === "expect" || name === "expectClose";
  onlyKeys(json, path, waits ? [name, "on", "timeoutMs"] : [name, "on"]);
  const on = json.on === undefined
    ? {}
    : { on: parseOn(json.on, `${path}.on`, context.names) };
  return { ...action(json, name, path, context), ...on };
}

function action(
  json: Json,
  name: typeof STEP_KINDS[number],
  path: string,
  context: Context,
): Step {
  const at = `${path}.${name}`;
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
      return {
        repeat: repeat(json.repeat, at, {
          ...context,
          depth: context.depth + 1,
        }),
      };
    case "close":
      return { close: closeRequest(json.close, at) };
    case "expectClose":
      return {
        expectClose: closeExpectation(json.expectClose, at),
        ...timeout,
      };
  }
}

function send(value: unknown, path: string): SendPayload | FormatPayload {
  if (typeof value === "string") return value;
  const json = object(value, path, "a string or an object");
  const name = oneOf(json, path, [...SEND_KINDS, ...FORMAT_KINDS]);
  if (isFormat(name)) return parseFormatPayload(json, name, path);
  if (name === "json") return { json: anyJson(json.json, `${path}.json`) };
  if (name === "hex") return { hex: hex(json.hex, `${path}.hex`) };
  return { base64: base64(json.base64, `${path}.base64`) };
}

function expectation(value: unknown, path: string): Expectation {
  const json = object(value, path);
  const name = oneOf(json, path, [...EXPECT_KINDS, ...FORMAT_KINDS]);
  if (isFormat(name)) return parseFormatPayload(json, name, path);
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

function isFormat(name: string): name is (typeof FORMAT_KINDS)[number] {
  return (FORMAT_KINDS as readonly string[]).includes(name);
}

function repeat(value: unknown, path: string, context: Context): Repeat {
  const json = object(value, path);
  if (context.depth > SCRIPT_LIMITS.maxDepth) {
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
    return { times, steps: steps(json.steps, `${path}.steps`, context) };
  }
  if (!("everyMs" in json)) {
    throw new TypeError(`${path}: expected "times", or "everyMs" and "forMs"`);
  }
  onlyKeys(json, path, ["everyMs", "forMs", "steps"]);
  const { maxMs } = SCRIPT_LIMITS;
  const everyMs = integer(json.everyMs, `${path}.everyMs`, 1, maxMs);
  const forMs = integer(json.forMs, `${path}.forMs`, 1, maxMs);
  return {
    everyMs,
    forMs,
    steps: steps(json.steps, `${path}.steps`, context),
  };
}

function url(value: unknown): string {
  return parseScriptUrl(string(value, "url"));
}
