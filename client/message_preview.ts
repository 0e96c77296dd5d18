/**
 * How much of a message the log draws at once, and the rest on request: a
 * 16 MiB message shows its first 64 KiB at once, all of it in pieces drawn
 * as they scroll into view, and downloads as the original data.
 * Browser-safe and free of Preact.
 *
 * @module
 */

import { decodeUtf8, HEX_DUMP_WIDTH, hexDump } from "./bytes.ts";

/** Characters of text, and bytes of binary, drawn before "Show all". */
export const PREVIEW_UNITS = 64 * 1024;

/** Text longer than this is shown as sent, never parsed to pretty-print. */
export const MAX_PRETTY_CHARS = PREVIEW_UNITS;

/** A message's payload as the log keeps it. */
export type Payload = string | Uint8Array;

/** Characters (text) or bytes (binary) in `data`. */
export function units(data: Payload): number {
  return data.length;
}

/** Whether `data` is longer than its preview. */
export function isTruncated(data: Payload): boolean {
  return units(data) > PREVIEW_UNITS;
}

/**
 * Piece `i` of `data` as drawn: text as is, binary as hex dump lines of
 * `perLine` bytes with offsets counted from the start of the message, or
 * decoded as UTF-8 (a character split between two pieces shows as U+FFFD
 * in both).
 */
export function pieceText(
  data: Payload,
  i: number,
  binaryAs: "hex" | "text" = "hex",
  perLine = HEX_DUMP_WIDTH,
): string {
  const from = i * PREVIEW_UNITS;
  if (typeof data === "string") return data.slice(from, from + PREVIEW_UNITS);
  const bytes = data.subarray(from, from + PREVIEW_UNITS);
  if (binaryAs === "text") return decodeUtf8(bytes);
  return hexDump(bytes, PREVIEW_UNITS, perLine)
    .map((line) => offsetLine(line, from))
    .join("\n");
}

/** A hex dump line with `base` added to its offset. */
function offsetLine(line: string, base: number): string {
  if (base === 0) return line;
  const offset = parseInt(line.slice(0, 8), 16) + base;
  return offset.toString(16).padStart(8, "0") + line.slice(8);
}
