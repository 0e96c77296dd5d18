import { computed, effect, type ReadonlySignal, signal } from "@preact/signals";
import type { JSX } from "preact";
import type { Connection } from "../client/connection.ts";
import type { ConnectionItem } from "../client/connection_list.ts";
import { MergedFeed } from "../client/merged_feed.ts";
import type { LabelledEntry } from "../client/merged_log.ts";

/** What the log shows of several connections. */
export interface MergedView {
  /** The entries of the connections shown, in one time order. */
  entries: readonly LabelledEntry[];
  /** Entries kept, of every connection. */
  kept: number;
  /** Older entries the caps dropped, of every connection. */
  dropped: number;
  /** Dropped, by name, of the connections shown: for the export. */
  droppedBy: ReadonlyMap<string, number>;
  /** The filter by connection, for the log's toolbar. */
  Filter: () => JSX.Element;
  /** Clears every connection's log. */
  clear(): void;
}

/** The log of several connections, as components/LogPane.tsx uses it. */
export interface MultiLog {
  /** What the log shows; `null` while there is one connection. */
  view: ReadonlySignal<MergedView | null>;
  dispose(): void;
}

/**
 * Every connection's log merged (client/merged_feed.ts), a filter by
 * connection, and the log's cap kept on every connection, one added later
 * too. Loaded with the second connection: a page with one never needs it.
 *
 * @param items every connection, once there are several
 * @param cap the log's cap as parsed: a number, or why it is refused
 */
export function createMultiLog(
  items: ReadonlySignal<readonly ConnectionItem[]>,
  cap: ReadonlySignal<number | string>,
): MultiLog {
  const feed = new MergedFeed();
  const merged = signal(feed.log);
  // The connection shown alone, by id; `null` shows them all.
  const only = signal<number | null>(null);
  const capped = new WeakMap<Connection, number>();
  feed.subscribe(() => merged.value = feed.log);
  const stops = [
    effect(() => feed.setItems(items.value.length > 1 ? items.value : [])),
    effect(() => {
      const max = cap.value;
      if (typeof max !== "number") return;
      for (const { connection } of items.value) {
        if (capped.get(connection) === max) continue;
        capped.set(connection, max);
        connection.setMaxEntries(max);
      }
    }),
  ];
  // A connection removed while shown alone leaves them all shown.
  const shownId = computed(() =>
    items.value.some((item) => item.id === only.value) ? only.value : null
  );
  const view = computed((): MergedView | null => {
    if (items.value.length < 2) return null;
    const log = merged.value;
    const id = shownId.value;
    return {
      entries: id === null
        ? log.entries
        : log.entries.filter((entry) => entry.source.id === id),
      kept: log.entries.length,
      dropped: log.dropped,
      droppedBy: new Map(
        items.value.filter((item) => id === null || item.id === id)
          .map((item) => [item.name, log.droppedBy.get(item.id) ?? 0]),
      ),
      Filter,
      clear,
    };
  });

  // A select, not a checkbox per connection: one control as narrow as
  // Direction beside it, however many connections there are.
  function Filter() {
    return (
      <label>
        Connection
        <select
          name="connection"
          value={String(shownId.value ?? "")}
          onChange={(e) => {
            const value = e.currentTarget.value;
            only.value = value === "" ? null : Number(value);
          }}
        >
          <option value="">All</option>
          {items.value.map((item) => (
            <option key={item.id} value={item.id}>{item.name}</option>
          ))}
        </select>
      </label>
    );
  }

  function clear() {
    for (const { connection } of items.peek()) connection.clearLog();
  }

  return {
    view,
    dispose() {
      for (const stop of stops) stop();
      feed.dispose();
    },
  };
}
