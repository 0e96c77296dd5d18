/**
 * Checking and editing lists of presets: the full check a link or a script
 * file gets, the composer's draft as a preset, adding and merging.
 * Browser-safe.
 *
 * @module
 */

import { parseBase64, parseHex } from "./bytes.ts";
import type { SendMode } from "./draft.ts";
import type { Preset } from "./presets.ts";
import type { SendPayload } from "./send_payload.ts";

/** How many presets a list keeps, and how long they may be. */
export const PRESETS = {
  /** Most presets kept. @default {50} */
  max: 50,
  /** Longest name. @default {40} */
  maxName: 40,
  /** Longest message as typed, to spare the storage quota. @default {4096} */
  maxChars: 4096,
} as const;

/**
 * Checks a list of presets from storage, a link or a script.
 *
 * @throws {TypeError} naming where the list is wrong, e.g.
 *   `presets[1].send.hex: "zz" is not hex ("z" is not a hex digit)`
 */
export function parsePresets(value: unknown, path = "presets"): Preset[] {
  if (!Array.isArray(value)) {
    throw new TypeError(`${path}: expected an array, got ${kindOf(value)}`);
  }
  if (value.length > PRESETS.max) {
    throw new TypeError(
      `${path}: has ${value.length} presets, at most ${PRESETS.max} are kept`,
    );
  }
  const names = new Set<string>();
  return value.map((item, i) => {
    const at = `${path}[${i}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw new TypeError(`${at}: expected an object, got ${kindOf(item)}`);
    }
    const unknown = Object.keys(item).find((key) =>
      !["name", "send", "onOpen"].includes(key)
    );
    if (unknown !== undefined) {
      throw new TypeError(`${at}: unknown key "${unknown}"`);
    }
    const { name, send, onOpen } = item as Record<string, unknown>;
    const problem = nameProblem(name, names);
    if (problem) throw new TypeError(`${at}.name: ${problem}`);
    names.add(name as string);
    if (onOpen !== undefined && typeof onOpen !== "boolean") {
      throw new TypeError(`${at}.onOpen: expected true or false`);
    }
    const preset: Preset = { name: name as string, send: payload(send, at) };
    if (onOpen) preset.onOpen = true;
    return preset;
  });
}

/** Why `name` cannot name a new preset among `taken`, or `""`. */
export function nameProblem(name: unknown, taken: Iterable<string>): string {
  if (typeof name !== "string" || name.trim() === "") {
    return "a preset needs a name";
  }
  if (name.length > PRESETS.maxName) {
    return `"${
      name.slice(0, 20)
    }…" is longer than ${PRESETS.maxName} characters`;
  }
  for (const other of taken) {
    if (other === name) return `"${name}" is the name of another preset`;
  }
  return "";
}

function payload(value: unknown, at: string): SendPayload {
  const path = `${at}.send`;
  if (typeof value === "string") return checkLength(value, path);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(
      `${path}: expected text or {"json"}, {"hex"}, {"base64"}, got ${
        kindOf(value)
      }`,
    );
  }
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  if (keys.length === 1 && keys[0] === "json") {
    checkLength(JSON.stringify(record.json) ?? "", path);
    return { json: structuredClone(record.json) };
  }
  if (keys.length === 1 && (keys[0] === "hex" || keys[0] === "base64")) {
    const kind = keys[0];
    const text = record[kind];
    if (typeof text !== "string") {
      throw new TypeError(`${path}.${kind}: expected a string`);
    }
    const bytes = kind === "hex" ? parseHex(text) : parseBase64(text);
    if (typeof bytes === "string") {
      throw new TypeError(`${path}.${kind}: ${bytes}`);
    }
    checkLength(text, path);
    return kind === "hex" ? { hex: text } : { base64: text };
  }
  throw new TypeError(
    `${path}: expected one key of "json", "hex", "base64", got ${
      keys.map((k) => `"${k}"`).join(", ") || "none"
    }`,
  );
}

function checkLength(text: string, path: string): string {
  if (text.length > PRESETS.maxChars) {
    throw new TypeError(
      `${path}: ${text.length} characters, at most ${PRESETS.maxChars}`,
    );
  }
  return text;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : typeof value;
}

/**
 * The composer's draft as a preset's message, or why it cannot be one: a
 * file is not kept, and JSON must parse.
 */
export function draftPayload(
  mode: SendMode,
  draft: string,
): { send: SendPayload } | { problem: string } {
  if (mode === "file") {
    return { problem: "A file cannot be a preset; paste its bytes" };
  }
  if (mode === "msgpack" || mode === "cbor" || mode === "protobuf") {
    return {
      problem:
        "Presets keep text, JSON or bytes, not MessagePack, CBOR or Protobuf",
    };
  }
  if (draft.length > PRESETS.maxChars) {
    return { problem: `Presets keep at most ${PRESETS.maxChars} characters` };
  }
  if (mode === "text") return { send: draft };
  if (mode === "json") {
    try {
      return { send: { json: JSON.parse(draft) } };
    } catch {
      return { problem: "The JSON does not parse" };
    }
  }
  const bytes = mode === "hex" ? parseHex(draft) : parseBase64(draft);
  if (typeof bytes === "string") return { problem: bytes };
  return {
    send: mode === "hex" ? { hex: draft.trim() } : { base64: draft.trim() },
  };
}

/** `presets` with `preset` added, or replacing the one of the same name. */
export function withPreset(
  presets: readonly Preset[],
  preset: Preset,
): Preset[] {
  const index = presets.findIndex((p) => p.name === preset.name);
  if (index === -1) return [...presets, preset].slice(-PRESETS.max);
  return presets.map((p, i) => i === index ? preset : p);
}

/**
 * `presets` with `incoming` merged in: an incoming preset replaces the one of
 * its name, the rest are kept, at most {@linkcode PRESETS.max}.
 */
export function mergePresets(
  presets: readonly Preset[],
  incoming: readonly Preset[],
): Preset[] {
  return incoming.reduce(withPreset, [...presets]);
}

/** A preset's message in one line: `text "hi"`, `json {"a":1}`, `hex 00ff`. */
export function describePreset(preset: Preset): string {
  const send = preset.send;
  const line = typeof send === "string"
    ? `text ${JSON.stringify(send)}`
    : "json" in send
    ? `json ${JSON.stringify(send.json)}`
    : "hex" in send
    ? `hex ${send.hex}`
    : `base64 ${send.base64}`;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** The keyboard shortcut of the preset at `index`: Alt+1 to Alt+9. */
export function presetShortcut(index: number): string | null {
  return index < 9 ? `Alt+${index + 1}` : null;
}
