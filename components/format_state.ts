/**
 * What the composer and the log share about binary formats: the Protobuf
 * schema the user gave, its message types once parsed, and each log entry's
 * own choice of how to read it. Module state, as there is one page; the
 * schema and its types are kept in `localStorage` so a reload keeps them.
 * Only on-demand code imports it (components/FormatUi.tsx, ProtoFields.tsx),
 * so none of it weighs on the first load.
 *
 * @module
 */

import { type Signal, signal } from "@preact/signals";
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

// Each entry's own choice, a signal so its menu and its body both follow it;
// kept while the entry is not drawn (client/log_window.ts). By id, or in a
// merged log, whose ids repeat across connections, by key (`2:17`).
const choices = new Map<number | string, Signal<ReadAs | undefined>>();

function keyOf(entry: LogEntry): number | string {
  return (entry as { key?: string }).key ?? entry.id;
}

/** The reader's own choice for `entry`, `undefined` until made. */
export function choiceOf(entry: LogEntry): Signal<ReadAs | undefined> {
  let choice = choices.get(keyOf(entry));
  if (!choice) choices.set(keyOf(entry), choice = signal(undefined));
  return choice;
}

/** How an entry reads: its reader's choice, else as sent, else the default. */
export function readingOf(entry: LogEntry, binaryAs: ReadAs): ReadAs {
  return choices.get(keyOf(entry))?.value ?? entry.readAs ?? binaryAs;
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
