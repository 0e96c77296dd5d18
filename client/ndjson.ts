/**
 * The session as NDJSON: one JSON object per line, one line per event.
 * Browser-safe.
 *
 * @module
 */

import { encodeBase64 } from "./bytes.ts";
import type { EntryKind, LogEntry } from "./event_log.ts";

/** One exported event. */
export interface EventRecord {
  /** The connection's name, when the log merges several (client/merged_log.ts). */
  connection?: string;
  /** ISO 8601 time in UTC. */
  time: string;
  type: EntryKind;
  direction: LogEntry["direction"];
  /** Payload size in bytes, for messages and sends. */
  size?: number;
  /** The payload as text, or as base64 when it was binary. */
  data?: string;
  /** How `data` is written. */
  encoding?: "text" | "base64";
  /** Round-trip time in milliseconds to the microsecond, for echoes. */
  rttMs?: number;
  /** The sequence number of a message the server pushed (`?push`). */
  push?: number;
  /** A message from another room member (`room`) or a notice (`presence`). */
  origin?: LogEntry["origin"];
  /** The readyState entered, for state entries. */
  state?: number;
  code?: number;
  reason?: string;
  wasClean?: boolean;
  /** For step entries: where the step is in its script, e.g. `10.2.1`. */
  step?: string;
  /** For step entries: whether it passed. */
  passed?: boolean;
  /** For step entries: how long it took, to the microsecond. */
  ms?: number;
}

/** The record for one entry; a labelled one names its connection first. */
export function toRecord(entry: LogEntry): EventRecord {
  const { source } = entry as { source?: { name: string } };
  const record: EventRecord = {
    ...source && { connection: source.name },
    time: new Date(entry.time).toISOString(),
    type: entry.kind,
    direction: entry.direction,
  };
  if (entry.size !== undefined) record.size = entry.size;
  if (entry.bytes) {
    record.data = encodeBase64(entry.bytes);
    record.encoding = "base64";
  } else if (entry.text !== undefined) {
    record.data = entry.text;
    record.encoding = "text";
  }
  // performance.now() differences carry float noise (4.200000001117587).
  if (entry.rtt !== undefined) {
    record.rttMs = Math.round(entry.rtt * 1000) / 1000;
  }
  if (entry.push !== undefined) record.push = entry.push;
  if (entry.origin) record.origin = entry.origin;
  if (entry.state !== undefined) record.state = entry.state;
  if (entry.close) {
    record.code = entry.close.code;
    record.reason = entry.close.reason;
    record.wasClean = entry.close.wasClean;
  }
  if (entry.step) {
    record.step = entry.step.path;
    record.passed = entry.step.passed;
    record.ms = Math.round(entry.step.ms * 1000) / 1000;
  }
  return record;
}

/**
 * How many older entries were dropped: a count, or for a merged log a
 * count by connection name.
 */
export type Dropped = number | ReadonlyMap<string, number>;

/**
 * The entries as NDJSON, each line ending in `\n`. When older entries were
 * dropped, a first line `{"type":"dropped","count":N}` says so, so a reader
 * knows the file does not start at the session's start; for a merged log,
 * one such line per connection, naming it. `extra` adds members, as JSON
 * text, to an entry's line (a decoded value, client/ndjson_decoded.ts).
 */
export function toNdjson(
  entries: readonly LogEntry[],
  dropped: Dropped = 0,
  extra?: ReadonlyMap<LogEntry, string>,
): string {
  const lines = entries.map((entry) => {
    const line = JSON.stringify(toRecord(entry));
    const more = extra?.get(entry);
    return more ? `${line.slice(0, -1)},${more}}` : line;
  });
  const counts = typeof dropped === "number"
    ? [[undefined, dropped] as const]
    : [...dropped].reverse();
  for (const [connection, count] of counts) {
    if (count > 0) {
      lines.unshift(JSON.stringify({ connection, type: "dropped", count }));
    }
  }
  return lines.map((line) => line + "\n").join("");
}

/** A file name for an export made at `time`: `echo-session-20240131-140307.ndjson`. */
export function exportFileName(time: number): string {
  const iso = new Date(time).toISOString();
  const stamp = iso.slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return `echo-session-${stamp}.ndjson`;
}

/** Offers `entries` as an NDJSON download named for the time `now`. */
export function downloadNdjson(
  entries: readonly LogEntry[],
  dropped: Dropped,
  now: number,
  extra?: ReadonlyMap<LogEntry, string>,
): void {
  const href = URL.createObjectURL(
    new Blob([toNdjson(entries, dropped, extra)], {
      type: "application/x-ndjson",
    }),
  );
  const a = document.createElement("a");
  a.href = href;
  a.download = exportFileName(now);
  a.click();
  // The download has its own reference by now; the URL can go.
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
