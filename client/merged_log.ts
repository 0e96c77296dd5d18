/**
 * Every connection's log in one time order, each entry labelled with the
 * connection it came from, and a filter by connection. Each connection
 * keeps its own cap; the merge keeps each one's own order, so a clock that
 * steps back never reorders what one socket saw. Browser-safe.
 *
 * @module
 */

import type { LogEntry } from "./event_log.ts";
import type { CappedLog } from "./log_filter.ts";

/** A connection's log, with what labels its entries. */
export interface LogSource {
  /** The connection's id in its list. */
  id: number;
  name: string;
  colour: string;
  log: CappedLog;
}

/** An entry and the connection it came from. */
export interface LabelledEntry {
  entry: LogEntry;
  source: Omit<LogSource, "log">;
  /** Unique across connections, for keys: `2:17`. */
  key: string;
}

/** The merged log: entries in time order and how many the caps dropped. */
export interface MergedLog {
  entries: LabelledEntry[];
  dropped: number;
}

/**
 * Merges `sources` in time order; entries at the same millisecond keep the
 * order of `sources`. Only the ids in `shown` count, when it is given.
 */
export function mergeLogs(
  sources: readonly LogSource[],
  shown?: ReadonlySet<number>,
): MergedLog {
  const picked = shown ? sources.filter((s) => shown.has(s.id)) : sources;
  const heads = picked.map(() => 0);
  const entries: LabelledEntry[] = [];
  const total = picked.reduce((n, s) => n + s.log.entries.length, 0);
  while (entries.length < total) {
    let best = -1;
    for (const [i, source] of picked.entries()) {
      const entry = source.log.entries[heads[i]];
      if (!entry) continue;
      if (best === -1) best = i;
      else if (entry.time < picked[best].log.entries[heads[best]].time) {
        best = i;
      }
    }
    const { log, ...source } = picked[best];
    const entry = log.entries[heads[best]++];
    entries.push({ entry, source, key: `${source.id}:${entry.id}` });
  }
  return {
    entries,
    dropped: picked.reduce((n, s) => n + s.log.dropped, 0),
  };
}
