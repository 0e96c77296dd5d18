/**
 * A message to send as scripts and presets both write it: text, JSON, hex or
 * base64. A module of its own, so that presets (which every page load reads)
 * and scripts share the shape without importing each other. Browser-safe.
 *
 * @module
 */

import { parseBase64, parseHex } from "./bytes.ts";

/** A message to send: a string is text. */
export type SendPayload =
  | string
  | { json: unknown }
  | { hex: string }
  | { base64: string };

/** The forms of a `send` object. */
export const SEND_KINDS = ["json", "hex", "base64"] as const;

/** The data a `send` step puts on the wire: text or bytes. */
export function sendData(payload: SendPayload): string | Uint8Array {
  if (typeof payload === "string") return payload;
  if ("json" in payload) return JSON.stringify(payload.json);
  const bytes = "hex" in payload
    ? parseHex(payload.hex)
    : parseBase64(payload.base64);
  // The parser has checked the encoding; a string here is a caller's bug.
  if (typeof bytes === "string") throw new TypeError(bytes);
  return bytes;
}
