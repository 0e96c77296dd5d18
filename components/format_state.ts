/**
 * What the composer and the log share about binary formats: the Protobuf
 * schema the user gave, its message types once parsed, and each log entry's
 * own choice of how to read it. Module state, as there is one page; the
 * schema and its types are kept in `localStorage` so a reload keeps them.
 *
 * @module
 */

import { signal } from "@preact/signals";
import type { LogEntry } from "../client/event_log.ts";
import type { ReadAs } from "../client/read_as.ts";

/** Where the schema and its types are kept (components/ProtoFields.tsx writes it). */
export const PROTO_STORAGE_KEY = "echo.protoSchema";

/** The `.proto` source typed, pasted or opened in the composer. */
export const protoSchema = signal("");

/** The schema's message types once it parses; empty until then. */
export const protoTypes = signal<readonly string[]>([]);

/** The message type the composer sends. */
export const protoType = signal("");

/** Entries whose reader chose how to read them, by entry id. */
export const entryReadAs = new Map<number, ReadAs>();

/** How an entry reads: its reader's choice, else as sent, else the default. */
export function readingOf(entry: LogEntry, binaryAs: ReadAs): ReadAs {
  return entryReadAs.get(entry.id) ?? entry.readAs ?? binaryAs;
}

/** Restores the schema, and its types, kept from an earlier visit. */
export function loadProtoSchema(storage: Storage): void {
  try {
    const kept = JSON.parse(storage.getItem(PROTO_STORAGE_KEY)!);
    protoSchema.value = kept.schema;
    protoType.value = (protoTypes.value = kept.types)[0];
  } catch {
    // Nothing kept: start without a schema.
  }
}
