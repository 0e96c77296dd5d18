/**
 * Scripts: a WebSocket conversation written as steps with expectations, as
 * a JSON file (`static/script.schema.json` describes it). This module holds
 * the format's types, its bounds and how a step reads in one line; the
 * parser, the runner and the recorder build on it. Browser-safe.
 *
 * @module
 */

import { bytesEqual, parseHex } from "./bytes.ts";
import type { BinaryFormat } from "./formats.ts";
import type { Preset } from "./presets.ts";
import { sendData, type SendPayload } from "./send_payload.ts";

/** A script as its JSON file holds it, once {@linkcode parseScript} checked it. */
export interface Script {
  /** The `ws:` or `wss:` URL to connect to; the command's `--url` replaces it. */
  url?: string;
  /** Subprotocols to offer when connecting. */
  protocols?: string[];
  /**
   * Named connections instead of `url`, in the order declared: steps name
   * one with `on`, and a step without `on` acts on the first.
   */
  connections?: Record<string, ScriptConnection>;
  /** Presets the page keeps; a run neither sends nor checks them. */
  presets?: Preset[];
  /** The `.proto` source (proto3) that `protobuf` payloads name types of. */
  proto?: string;
  steps: Step[];
}

/** A value to send or expect in a binary format (client/script_formats.ts). */
export type FormatPayload =
  | { msgpack: unknown }
  | { cbor: unknown }
  | { protobuf: { type: string; value: unknown } };

/** One of a script's named connections. */
export interface ScriptConnection {
  /** The `ws:` or `wss:` URL this connection opens. */
  url: string;
  /** Subprotocols it offers. */
  protocols?: string[];
}

/** What the next message must be. */
export type Expectation =
  | { equals: string }
  | { matches: string }
  | { json: unknown }
  | { hex: string }
  | FormatPayload;

/** A close to start; a reason needs a code. */
export interface CloseRequest {
  /** 1000 or 3000-4999, the codes `WebSocket.close()` accepts. */
  code?: number;
  /** At most 123 bytes of UTF-8. */
  reason?: string;
}

/** A close to expect; absent fields are not checked. */
export interface CloseExpectation {
  code?: number;
  reason?: string;
}

/**
 * One step of a script. `on` names the connection it acts on (for a repeat,
 * the one its steps act on unless they name another).
 */
export type Step =
  & (
    | { send: SendPayload | FormatPayload }
    | { expect: Expectation; timeoutMs?: number }
    | { wait: number }
    | { repeat: Repeat }
    | { close: CloseRequest }
    | { expectClose: CloseExpectation; timeoutMs?: number }
  )
  & { on?: string };

/** Steps run `times` times, or every `everyMs` for `forMs`. */
export type Repeat =
  | { times: number; steps: Step[] }
  | { everyMs: number; forMs: number; steps: Step[] };

/** The keys a script may have; `$schema` is for editors and ignored. */
export const SCRIPT_KEYS = [
  "$schema",
  "url",
  "protocols",
  "connections",
  "presets",
  "proto",
  "steps",
] as const;

/** The key that names each kind of step. */
export const STEP_KINDS = [
  "send",
  "expect",
  "wait",
  "repeat",
  "close",
  "expectClose",
] as const;

/** The binary formats a `send` or an `expect` may name. */
export const FORMAT_KINDS = ["msgpack", "cbor", "protobuf"] as const;

/** Whether a `send` or an `expect` is in a binary format. */
export function isFormatPayload(payload: unknown): payload is FormatPayload {
  return typeof payload === "object" && payload !== null &&
    FORMAT_KINDS.some((kind) => kind in payload);
}

/** The format, value and Protobuf type of a payload. */
export function formatOf(
  payload: FormatPayload,
): { format: BinaryFormat; value: unknown; type?: string } {
  if ("msgpack" in payload) {
    return { format: "msgpack", value: payload.msgpack };
  }
  if ("cbor" in payload) return { format: "cbor", value: payload.cbor };
  return { format: "protobuf", ...payload.protobuf };
}

/** A payload in one line: `msgpack {"id":1}`, `protobuf Point {"x":1}`. */
export function showFormat(payload: FormatPayload): string {
  const { format, value, type } = formatOf(payload);
  return [format, type, showJson(value)].filter(Boolean).join(" ");
}

/** The forms of an `expect`. */
export const EXPECT_KINDS = ["equals", "matches", "json", "hex"] as const;

/** Bounds a script must stay within, so no file can hang a run. */
export const SCRIPT_LIMITS = {
  /** Longest `timeoutMs`, `wait`, `everyMs` and `forMs`. @default {600000} */
  maxMs: 600_000,
  /** Largest `repeat.times`. @default {10000} */
  maxTimes: 10_000,
  /** Deepest nesting of `repeat`. @default {8} */
  maxDepth: 8,
  /** Longest close reason in UTF-8 bytes (RFC 6455 §5.5: 125 less the code). @default {123} */
  maxReasonBytes: 123,
  /** Most named connections in one script. @default {16} */
  maxConnections: 16,
} as const;

/**
 * What a connection's name may be: short, and plain in a message. Not digits
 * alone: JSON objects put keys like "2" before all others, which would make
 * such a connection the "first declared" whatever its place in the file.
 */
export const CONNECTION_NAME = /^(?![0-9]+$)[A-Za-z0-9._-]{1,32}$/;

/** The names of a script's connections in order; empty for a `url` script. */
export function connectionNames(script: Script): string[] {
  return Object.keys(script.connections ?? {});
}

/** How long `expect` and `expectClose` wait when the step sets no `timeoutMs`. */
export const DEFAULT_STEP_TIMEOUT_MS = 5000;

/** The bytes a `hex` expectation stands for. */
export function expectedBytes(hex: string): Uint8Array {
  const bytes = parseHex(hex);
  if (typeof bytes === "string") throw new TypeError(bytes);
  return bytes;
}

/** Whether a message is exactly `data` (same kind, same content). */
export function sameData(a: string | Uint8Array, b: string | Uint8Array) {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return bytesEqual(a, b);
}

const SHOWN_CHARS = 60;
const SHOWN_BYTES = 24;

/** Text for a person: quoted, escaped as JSON, shortened past 60 characters. */
export function quoteText(text: string): string {
  const quoted = JSON.stringify(text);
  return quoted.length <= SHOWN_CHARS
    ? quoted
    : `${quoted.slice(0, SHOWN_CHARS - 2)}…" (${text.length} characters)`;
}

/** Bytes for a person: `hex 00ff10`, shortened past 24 bytes. */
export function showBytes(bytes: Uint8Array): string {
  const hex = Array.from(
    bytes.subarray(0, SHOWN_BYTES),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
  return bytes.length <= SHOWN_BYTES
    ? `hex ${hex || "(empty)"}`
    : `hex ${hex}… (${bytes.length} bytes)`;
}

/** A JSON value in one line, shortened past 60 characters. */
export function showJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= SHOWN_CHARS
    ? text
    : `${text.slice(0, SHOWN_CHARS - 1)}…`;
}

/** A close as a person reads it: `close 1000 "done"`. */
export function showClose(close: CloseExpectation): string {
  return ["close", close.code, close.reason && quoteText(close.reason)]
    .filter((part) => part !== undefined && part !== "").join(" ");
}

/** What an expectation asks for, e.g. `"hello"`, `/^ping/`, `hex 00ff`. */
export function showExpectation(expect: Expectation): string {
  if (isFormatPayload(expect)) return showFormat(expect);
  if ("equals" in expect) return quoteText(expect.equals);
  if ("matches" in expect) return `/${expect.matches}/`;
  if ("json" in expect) return `json ${showJson(expect.json)}`;
  return showBytes(expectedBytes(expect.hex));
}

/**
 * A step in one line, e.g. `expect equals "hello"` or `repeat 3 times`, with
 * ` on bob` after it when `on` names the connection it acts on.
 */
export function describeStep(step: Step, on?: string): string {
  const line = describeAction(step);
  return on === undefined ? line : `${line} on ${on}`;
}

function describeAction(step: Step): string {
  if ("send" in step) {
    const payload = step.send;
    if (typeof payload === "string") return `send ${quoteText(payload)}`;
    if (isFormatPayload(payload)) return `send ${showFormat(payload)}`;
    if ("json" in payload) return `send json ${showJson(payload.json)}`;
    if ("base64" in payload) return `send base64 ${showJson(payload.base64)}`;
    return `send ${showBytes(sendData(payload) as Uint8Array)}`;
  }
  if ("expect" in step) {
    const kind = Object.keys(step.expect)[0];
    const shown = showExpectation(step.expect);
    return ["json", "hex", ...FORMAT_KINDS].includes(kind)
      ? `expect ${shown}`
      : `expect ${kind} ${shown}`;
  }
  if ("wait" in step) return `wait ${step.wait} ms`;
  if ("repeat" in step) {
    const repeat = step.repeat;
    return "times" in repeat
      ? `repeat ${repeat.times} times`
      : `repeat every ${repeat.everyMs} ms for ${repeat.forMs} ms`;
  }
  if ("close" in step) return showClose(step.close);
  return `expect ${showClose(step.expectClose)}`;
}
