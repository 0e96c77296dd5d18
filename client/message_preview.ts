/**
 * How much of a message the log draws at once, and the rest on request: a
 * 16 MiB message shows its first 64 KiB at once, all of it in pieces drawn
 * as they scroll into view, and downloads as the original data.
 * Browser-safe and free of Preact.
 *
 * @module
 */

import { formatBytes } from "../core/format.ts";
import { decodeUtf8, hexDump } from "./bytes.ts";

/** Characters of text, and bytes of binary, drawn before "Show all". */
export const PREVIEW_UNITS = 64 * 1024;

/** Text longer than this is shown as sent, never parsed to pretty-print. */
export const MAX_PRETTY_CHARS = PREVIEW_UNITS;

/** A message's payload as the log keeps it. */
export type Payload = string | Uint8Array;

/** Characters or bytes in `data`. */
function units(data: Payload): number {
  return data.length;
}

/** Whether `data` is longer than its preview. */
export function isTruncated(data: Payload): boolean {
  return units(data) > PREVIEW_UNITS;
}

/** How many pieces of {@linkcode PREVIEW_UNITS} make up `data`. */
export function pieceCount(data: Payload): number {
  return Math.max(1, Math.ceil(units(data) / PREVIEW_UNITS));
}

/**
 * Piece `i` of `data` as drawn: text as is, binary as hex dump lines with
 * offsets counted from the start of the message, or decoded as UTF-8 (a
 * character split between two pieces shows as U+FFFD in both).
 */
export function pieceText(
  data: Payload,
  i: number,
  binaryAs: "hex" | "text" = "hex",
): string {
  const from = i * PREVIEW_UNITS;
  if (typeof data === "string") return data.slice(from, from + PREVIEW_UNITS);
  const bytes = data.subarray(from, from + PREVIEW_UNITS);
  if (binaryAs === "text") return decodeUtf8(bytes);
  return hexDump(bytes, PREVIEW_UNITS).map((line) => offsetLine(line, from))
    .join("\n");
}

/** A hex dump line with `base` added to its offset. */
function offsetLine(line: string, base: number): string {
  if (base === 0) return line;
  const offset = parseInt(line.slice(0, 8), 16) + base;
  return offset.toString(16).padStart(8, "0") + line.slice(8);
}

/** The file a download of message `id` is saved as: `.txt` or `.bin`. */
export function downloadName(id: number, data: Payload): string {
  return `message-${id}.${typeof data === "string" ? "txt" : "bin"}`;
}

/** The original data as a Blob: UTF-8 text, or the bytes as they came. */
export function payloadBlob(data: Payload): Blob {
  return typeof data === "string"
    ? new Blob([data], { type: "text/plain;charset=utf-8" })
    : new Blob([data as Uint8Array<ArrayBuffer>], {
      type: "application/octet-stream",
    });
}

const COUNT = new Intl.NumberFormat("en-US");

/**
 * What a long payload's note says: how much of it is drawn. Text counts
 * characters (what was sliced), binary counts bytes.
 */
export function previewNote(data: Payload, all: boolean): string {
  if (typeof data === "string") {
    const total = `${COUNT.format(data.length)} characters`;
    return all
      ? `All ${total}, drawn as you scroll`
      : `First ${COUNT.format(PREVIEW_UNITS)} of ${total} shown`;
  }
  const total = formatBytes(data.length);
  return all
    ? `All ${total}, drawn as you scroll`
    : `First ${formatBytes(PREVIEW_UNITS)} of ${total} shown`;
}
