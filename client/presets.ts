/**
 * Presets: composer messages saved under a name, sent with one click or a
 * key, some of them on every open. One shape everywhere: in `localStorage`,
 * in a shared link and under a script's `presets` key, a preset's message is
 * a script's `send` payload. What every page load needs is here; checking
 * and editing lists is in `preset_edit.ts`, loaded with the panels.
 * Browser-safe.
 *
 * @module
 */

import { parseBase64, parseHex } from "./bytes.ts";
import type { SendPayload } from "./send_payload.ts";

/** A saved message. */
export interface Preset {
  /** Unique among the presets, 1-40 characters. */
  name: string;
  /** The message, as a script's `send` step writes it. */
  send: SendPayload;
  /** Sent each time a socket opens, reconnects included. */
  onOpen?: boolean;
}

/** Where presets live in `localStorage`. */
export const PRESETS_KEY = "echo-client.presets";

/** The parts of `Storage` presets need. */
export type PresetStorage = Pick<Storage, "getItem" | "setItem">;

/**
 * Reads the saved presets; anything missing or malformed reads as none. The
 * page saved them checked, so only their shape is looked at here: the full
 * check (`parsePresets`) stays out of the page's first load.
 */
export function loadPresets(storage: PresetStorage | undefined): Preset[] {
  try {
    const value: unknown = JSON.parse(storage?.getItem(PRESETS_KEY) ?? "[]");
    return Array.isArray(value)
      ? value.filter((p) =>
        typeof p?.name === "string" &&
        (typeof p.send === "string" || typeof p.send === "object")
      )
      : [];
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
    storage?.setItem(PRESETS_KEY, JSON.stringify(presets));
  } catch {
    // Quota exceeded or storage disabled: the presets stay for this page.
  }
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

/** What a preset puts on the wire: text, or bytes; `null` when its bytes do not parse. */
export function presetData(
  preset: Preset,
): string | Uint8Array<ArrayBuffer> | null {
  const send = preset.send;
  if (typeof send === "string") return send;
  if ("json" in send) return JSON.stringify(send.json);
  const bytes = "hex" in send ? parseHex(send.hex) : parseBase64(send.base64);
  // Storage edited by hand may hold what parsePresets would refuse.
  return typeof bytes === "string" ? null : bytes;
}
