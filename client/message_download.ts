/**
 * A long message's pieces, its note and its download: what the on-demand
 * components/LongMessage.tsx needs beyond the preview. Browser-safe and
 * free of Preact.
 *
 * @module
 */

import { formatBytes } from "../core/format.ts";
import { type Payload, PREVIEW_UNITS, units } from "./message_preview.ts";

/** How many pieces of {@linkcode PREVIEW_UNITS} make up `data`. */
export function pieceCount(data: Payload): number {
  return Math.max(1, Math.ceil(units(data) / PREVIEW_UNITS));
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
