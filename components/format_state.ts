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

const KEY = "echo.protoSchema";

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
    const kept = JSON.parse(storage.getItem(KEY) ?? "null");
    if (typeof kept?.schema !== "string" || !Array.isArray(kept.types)) return;
    protoSchema.value = kept.schema;
    protoTypes.value = kept.types.filter((t: unknown) => typeof t === "string");
    protoType.value ||= protoTypes.value[0] ?? "";
  } catch {
    // Nothing kept, or not by this page: start without a schema.
  }
}

/**
 * Keeps the schema and its types for the next visit, so the log's menus
 * list the types without loading the parser; one over 64 KiB is not kept.
 */
export function saveProtoSchema(
  storage: Storage,
  schema: string,
  types: readonly string[],
): void {
  try {
    if (schema.length > 65_536) storage.removeItem(KEY);
    else storage.setItem(KEY, JSON.stringify({ schema, types }));
  } catch {
    // Storage full or refused: the schema still works for this visit.
  }
}
