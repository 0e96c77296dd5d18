/**
 * The decoded values an NDJSON export writes beside the raw bytes: for each
 * binary entry read in a format, `"readAs":"msgpack","decoded":{…}` (the
 * JSON form of client/value_form.ts), or `"decodeError":"not MessagePack:
 * …"`. Decoded in the worker, so a 16 MiB message does not hold the page.
 * Loaded on demand, by an export that has such entries. Browser-safe.
 *
 * @module
 */

import { type Decoded, decodeInWorker } from "./codec_worker.ts";
import type { BinaryFormat, ProtoType } from "./formats.ts";
import type { LogEntry } from "./event_log.ts";
import type { ReadAs } from "./read_as.ts";

/** Decodes bytes in a format; the page passes its worker. */
export type Decoder = (
  format: BinaryFormat,
  bytes: Uint8Array,
  proto: ProtoType,
  indent: number,
) => Promise<Decoded>;

/**
 * The extra members of each entry's line, for `toNdjson`: entries read in
 * a format only. Keyed by the entry, as ids repeat in a merged log.
 */
export async function decodedMembers(
  entries: readonly LogEntry[],
  readAsOf: (entry: LogEntry) => ReadAs,
  schema: string,
  decode: Decoder = decodeInWorker,
): Promise<Map<LogEntry, string>> {
  const members = new Map<LogEntry, string>();
  for (const entry of entries) {
    const readAs = readAsOf(entry);
    if (!entry.bytes || readAs === "hex" || readAs === "text") continue;
    // read_as.ts's readAsFormat, inlined: that module loads with the page.
    const [format, type = ""] = readAs.split(/:(.*)/) as [BinaryFormat];
    const decoded = await decode(format, entry.bytes, { schema, type }, 0);
    members.set(
      entry,
      `"readAs":${JSON.stringify(readAs)},${
        "text" in decoded
          ? `"decoded":${decoded.text}`
          : `"decodeError":${JSON.stringify(decoded.error)}`
      }`,
    );
  }
  return members;
}
