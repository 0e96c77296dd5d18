/**
 * The log's model over time: filtering by direction, kind and text, and a
 * cap on how many entries it keeps. Browser-safe.
 *
 * @module
 */

import { decodeUtf8 } from "./bytes.ts";
import { ENTRY_KINDS, type EntryKind, type LogEntry } from "./event_log.ts";

/** Which entries the log shows. */
export interface LogFilter {
  direction: "all" | LogEntry["direction"];
  /** Kinds shown; every kind when it holds them all. */
  kinds: readonly EntryKind[];
  /** Case-insensitive text to look for; empty matches everything. */
  search: string;
}

/** Shows everything. */
export const SHOW_ALL: Readonly<LogFilter> = Object.freeze({
  direction: "all",
  kinds: ENTRY_KINDS,
  search: "",
});

/** Bytes of a binary message searched, so a search stays quick. */
const SEARCH_BYTES = 4096;

/** The entry as text a search looks in: payload, hex, close detail. */
export function searchableText(entry: LogEntry): string {
  const parts: string[] = [entry.kind];
  if (entry.text !== undefined) parts.push(entry.text);
  if (entry.bytes) {
    const head = entry.bytes.subarray(0, SEARCH_BYTES);
    parts.push(
      Array.from(head, (b) => b.toString(16).padStart(2, "0")).join(" "),
      decodeUtf8(head),
    );
  }
  if (entry.close) {
    parts.push(String(entry.close.code), entry.close.reason);
  }
  return parts.join("\n").toLowerCase();
}

/** True when `filter` hides some entries. */
export function isFiltering(filter: LogFilter): boolean {
  return filter.direction !== "all" ||
    ENTRY_KINDS.some((kind) => !filter.kinds.includes(kind)) ||
    filter.search.trim() !== "";
}

/** The entries `filter` shows, in order. */
export function filterEntries(
  entries: readonly LogEntry[],
  filter: LogFilter,
): LogEntry[] {
  const needle = filter.search.trim().toLowerCase();
  return entries.filter((entry) =>
    (filter.direction === "all" || entry.direction === filter.direction) &&
    filter.kinds.includes(entry.kind) &&
    (needle === "" || searchableText(entry).includes(needle))
  );
}

/** Entries kept and how many older ones were dropped to stay under the cap. */
export interface CappedLog {
  entries: readonly LogEntry[];
  dropped: number;
}

/** An empty log. */
export const EMPTY_LOG: CappedLog = Object.freeze({ entries: [], dropped: 0 });

/** Adds `added` at the end, dropping the oldest beyond `max` entries. */
export function appendCapped(
  log: CappedLog,
  added: readonly LogEntry[],
  max: number,
): CappedLog {
  const all = [...log.entries, ...added];
  const excess = Math.max(0, all.length - max);
  return {
    entries: excess === 0 ? all : all.slice(excess),
    dropped: log.dropped + excess,
  };
}

/** Range of the log's cap that the page accepts. */
export const LOG_CAP_RANGE = { min: 10, max: 10_000, default: 1000 } as const;

/**
 * Parses the cap a person typed.
 *
 * @returns the cap, or an error message naming the value and the range
 */
export function parseLogCap(text: string): number | string {
  const n = Number(text);
  const { min, max } = LOG_CAP_RANGE;
  if (text.trim() === "" || !Number.isInteger(n) || n < min || n > max) {
    return `Keep "${text}" entries? Use a whole number from ${min} to ${max}`;
  }
  return n;
}
