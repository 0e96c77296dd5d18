/**
 * Encodes a composer draft typed as JSON in a binary format, in the codec
 * worker: parsing and encoding megabytes would hold the page. Loaded on
 * demand, by the first draft sent in a format. Browser-safe.
 *
 * @module
 */

import { encodeInWorker } from "./codec_worker.ts";
import type { BinaryFormat, ProtoType } from "./formats.ts";
import type { ReadAs } from "./read_as.ts";

/**
 * The bytes of `text` in `format`, and how their log entry reads; `null`
 * for an empty draft.
 *
 * @throws {TypeError} naming what the format cannot hold, or that Protobuf
 *   has no message type yet
 */
export async function encodeDraft(
  format: BinaryFormat,
  text: string,
  proto: ProtoType,
): Promise<{ data: Uint8Array<ArrayBuffer>; readAs: ReadAs } | null> {
  if (text.trim() === "") return null;
  if (format === "protobuf" && proto.type === "") {
    throw new TypeError("add a .proto schema and pick a message type");
  }
  const encoded = await encodeInWorker(format, text, proto);
  if ("error" in encoded) throw new TypeError(encoded.error);
  const readAs: ReadAs = format === "protobuf"
    ? `protobuf:${proto.type}`
    : format;
  return { data: encoded.bytes, readAs };
}
