/**
 * Every connection's log in one time order, each entry labelled with the
 * connection it came from. Each connection keeps its own cap; the merge
 * keeps each one's own order, so a clock that steps back never reorders
 * what one socket saw. {@linkcode LogMerger} does it a flush at a time:
 * its work grows with the entries new since the last merge, not with the
 * thousands kept, and an entry keeps its labelled object from one merge to
 * the next, so the log does not draw it again. Browser-safe.
 *
 * @module
 */

import type { LogEntry } from "./event_log.ts";
import type { CappedLog } from "./log_filter.ts";

/** What labels a connection's entries. */
export interface EntrySource {
  /** The connection's id in its list. */
  id: number;
  name: string;
  colour: string;
}

/** A connection's log, with what labels its entries. */
export interface LogSource extends EntrySource {
  log: CappedLog;
}

/** An entry with the connection it came from: a log entry still. */
export interface LabelledEntry extends LogEntry {
  source: EntrySource;
  /**
   * The entry's time, or its connection's previous entry's when the clock
   * stepped back: the merge orders by it, then by connection, then by id.
   */
  at: number;
  /** The connection's id, as `source.id`: the order's second key. */
  from: number;
  /** Unique across connections, for keys: `2:17`. */
  key: string;
}

/** The merged log: entries in time order and how many the caps dropped. */
export interface MergedLog {
  entries: readonly LabelledEntry[];
  dropped: number;
  /** How many each connection's cap dropped, by its id. */
  droppedBy: ReadonlyMap<number, number>;
}

/** What the merger knows of a connection after a merge. */
interface Seen {
  source: EntrySource;
  /** Its entries in the merged list, oldest first. */
  entries: readonly LogEntry[];
  /** Id of the newest entry merged; a cleared log keeps counting up. */
  lastId: number;
  lastAt: number;
}

/**
 * Merges connections' logs again and again as they grow. Each call to
 * {@linkcode LogMerger.update} returns a new list; lists it returned
 * before never change.
 */
export class LogMerger {
  #entries: readonly LabelledEntry[] = [];
  #seen = new Map<number, Seen>();

  /** The merged log of `sources` now, reusing what the last merge did. */
  update(sources: readonly LogSource[]): MergedLog {
    // How many of each connection's merged entries the cap, a clear or a
    // removal took, and which connections were renamed or recoloured.
    const drop = new Map<number, number>();
    const relabelled = new Set<number>();
    const fresh: LabelledEntry[] = [];
    const seen = new Map<number, Seen>();
    for (const { log, ...label } of sources) {
      const was = this.#seen.get(label.id);
      let source = was?.source ?? label;
      if (source.name !== label.name || source.colour !== label.colour) {
        source = label;
        relabelled.add(label.id);
      }
      const kept = log.entries;
      const first = kept[0]?.id ?? Infinity;
      const old = was?.entries ?? [];
      let gone = 0;
      while (gone < old.length && old[gone].id < first) gone++;
      if (gone) drop.set(label.id, gone);
      let lastId = was?.lastId ?? -Infinity;
      let lastAt = was?.lastAt ?? -Infinity;
      let from = kept.length;
      while (from > 0 && kept[from - 1].id > lastId) from--;
      for (const entry of kept.slice(from)) {
        lastAt = Math.max(lastAt, entry.time);
        fresh.push(labelEntry(entry, source, lastAt));
      }
      if (from < kept.length) lastId = kept[kept.length - 1].id;
      seen.set(label.id, { source, entries: kept, lastId, lastAt });
    }
    for (const [id, was] of this.#seen) {
      if (!seen.has(id)) drop.set(id, was.entries.length);
    }
    this.#seen = seen;
    let entries = dropFront(this.#entries, drop);
    if (relabelled.size) {
      entries = entries.map((e) =>
        relabelled.has(e.source.id)
          ? { ...e, source: seen.get(e.source.id)!.source }
          : e
      );
    }
    if (fresh.length) entries = insert(entries, fresh);
    this.#entries = entries;
    return {
      entries,
      dropped: sources.reduce((n, s) => n + s.log.dropped, 0),
      droppedBy: new Map(sources.map((s) => [s.id, s.log.dropped])),
    };
  }
}

/**
 * The merged order: by `at`, then connection, then id. client/log_window.ts's
 * `compareEntries` says the same; not imported from there, which would put
 * that first-load module in a chunk of its own.
 */
function compareEntries(a: LabelledEntry, b: LabelledEntry): number {
  return a.at - b.at || a.from - b.from || a.id - b.id;
}

function labelEntry(
  entry: LogEntry,
  source: EntrySource,
  at: number,
): LabelledEntry {
  const { id } = source;
  return { ...entry, source, at, from: id, key: `${id}:${entry.id}` };
}

/**
 * `entries` without the oldest `drop.get(id)` of each connection. A cap
 * drops the oldest, which sit near the front, so the scan stops early.
 */
function dropFront(
  entries: readonly LabelledEntry[],
  drop: ReadonlyMap<number, number>,
): readonly LabelledEntry[] {
  let left = 0;
  for (const n of drop.values()) left += n;
  if (left === 0) return entries;
  const owed = new Map(drop);
  const kept: LabelledEntry[] = [];
  let i = 0;
  for (; i < entries.length && left > 0; i++) {
    const entry = entries[i];
    const n = owed.get(entry.source.id) ?? 0;
    if (n > 0) {
      owed.set(entry.source.id, n - 1);
      left--;
    } else kept.push(entry);
  }
  return i === entries.length ? kept : kept.concat(entries.slice(i));
}

/**
 * `entries` with `fresh` merged in. Only the tail that comes after the
 * oldest fresh entry is sorted again: a flush adds what happened in the
 * last 50 ms, which goes at or near the end.
 */
function insert(
  entries: readonly LabelledEntry[],
  fresh: LabelledEntry[],
): readonly LabelledEntry[] {
  let oldest = fresh[0];
  for (const entry of fresh) {
    if (compareEntries(entry, oldest) < 0) oldest = entry;
  }
  let at = entries.length;
  while (at > 0 && compareEntries(entries[at - 1], oldest) > 0) at--;
  const tail = entries.slice(at).concat(fresh).sort(compareEntries);
  return at === 0 ? tail : entries.slice(0, at).concat(tail);
}

/**
 * Merges `sources` in time order; entries at the same millisecond are in
 * the order of the connections' ids. Only the ids in `shown` count, when
 * it is given.
 */
export function mergeLogs(
  sources: readonly LogSource[],
  shown?: ReadonlySet<number>,
): MergedLog {
  const picked = shown ? sources.filter((s) => shown.has(s.id)) : sources;
  return new LogMerger().update(picked);
}
