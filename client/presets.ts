/**
 * Presets: composer messages saved under a name, sent with one click or a
 * key, some of them on every open. One shape everywhere: in `localStorage`,
 * in a shared link and under a script's `presets` key, a preset's message is
 * a script's `send` payload. Browser-safe.
 *
 * @module
 */

import { parseBase64, parseHex } from "./bytes.ts";
import type { SendMode } from "./draft.ts";
import type { SendPayload } from "./script.ts";

/** A saved message. */
export interface Preset {
  /** Unique among the presets, 1-40 characters. */
  name: string;
  /** The message, as a script's `send` step writes it. */
  send: SendPayload;
  /** Sent each time a socket opens, reconnects included. */
  onOpen?: boolean;
}

/** Where presets live in `localStorage`, and their bounds. */
export const PRESETS = {
  key: "echo-client.presets",
  /** Most presets kept. @default {50} */
  max: 50,
  /** Longest name. @default {40} */
  maxName: 40,
  /** Longest message as typed, to spare the storage quota. @default {4096} */
  maxChars: 4096,
} as const;

/** The parts of `Storage` presets need. */
export type PresetStorage = Pick<Storage, "getItem" | "setItem">;

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

/** Reads the saved presets; anything missing or malformed reads as none. */
export function loadPresets(storage: PresetStorage | undefined): Preset[] {
  try {
    return parsePresets(JSON.parse(storage?.getItem(PRESETS.key) ?? "[]"));
  } catch {
    return [];
  }
}

/** Saves `presets`; a full or disabled storage loses them quietly. */
export function savePresets(
  storage: PresetStorage | undefined,
  presets: readonly Preset[],
): void {
  try {
    storage?.setItem(PRESETS.key, JSON.stringify(presets));
  } catch {
    // Quota exceeded or storage disabled: the presets stay for this page.
  }
}

/**
 * The composer's draft as a preset's message, or why it cannot be one: a
 * file is not kept, and JSON must parse.
 */
export function draftPayload(
  mode: SendMode,
  draft: string,
): SendPayload | string {
  if (mode === "file") return "A file cannot be a preset; paste its bytes";
  if (draft.length > PRESETS.maxChars) {
    return `Presets keep at most ${PRESETS.maxChars} characters`;
  }
  if (mode === "text") return draft;
  if (mode === "json") {
    try {
      return { json: JSON.parse(draft) };
    } catch {
      return "The JSON does not parse";
    }
  }
  const bytes = mode === "hex" ? parseHex(draft) : parseBase64(draft);
  if (typeof bytes === "string") return bytes;
  return mode === "hex" ? { hex: draft.trim() } : { base64: draft.trim() };
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

/** The keyboard shortcut of the preset at `index`: Alt+1 to Alt+9. */
export function presetShortcut(index: number): string | null {
  return index < 9 ? `Alt+${index + 1}` : null;
}

/**
 * The preset index a key press asks for, or -1: Alt with a digit 1-9. The
 * physical key is read (`code`), as Alt+digit types other characters on some
 * layouts (macOS).
 */
export function shortcutIndex(
  e: Pick<KeyboardEvent, "altKey" | "ctrlKey" | "metaKey" | "code">,
): number {
  if (!e.altKey || e.ctrlKey || e.metaKey) return -1;
  const match = /^Digit([1-9])$/.exec(e.code);
  return match ? Number(match[1]) - 1 : -1;
}
