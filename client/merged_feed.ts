/**
 * Several connections' logs as one, kept up to date: every connection
 * flushes its log every 50 ms, so eight of them would merge 160 times a
 * second; the feed merges at most once per `intervalMs` while any changed,
 * and right away after a quiet spell. Browser-safe and free of Preact.
 *
 * @module
 */

import { type Clock, SYSTEM_CLOCK, type TimerId } from "./connection.ts";
import type { CappedLog } from "./log_filter.ts";
import { type EntrySource, LogMerger, type MergedLog } from "./merged_log.ts";

/** A connection as the feed reads it: its log, and word of each flush. */
export interface FeedConnection {
  readonly snapshot: { readonly log: CappedLog };
  subscribe(fn: () => void): () => void;
}

/** One connection of the list, with what labels its entries. */
export interface FeedItem extends EntrySource {
  readonly connection: FeedConnection;
}

/** How a {@linkcode MergedFeed} is built. */
export interface MergedFeedOptions {
  /** Least time between two merges, in ms. @default {50} */
  intervalMs?: number;
  clock?: Pick<Clock, "now" | "setTimeout" | "clearTimeout">;
}

/** Defaults of {@linkcode MergedFeedOptions}. */
export const MERGED_FEED_DEFAULTS = { intervalMs: 50 } as const;

/** Every connection's log merged, as of the last merge. */
export class MergedFeed {
  readonly #interval: number;
  readonly #clock: Pick<Clock, "now" | "setTimeout" | "clearTimeout">;
  readonly #merger = new LogMerger();
  readonly #subscribers = new Set<() => void>();
  readonly #watched = new Map<FeedConnection, () => void>();
  #items: readonly FeedItem[] = [];
  #log: MergedLog = { entries: [], dropped: 0, droppedBy: new Map() };
  #timer: TimerId | undefined;
  #last = -Infinity;

  constructor(options: MergedFeedOptions = {}) {
    this.#interval = options.intervalMs ?? MERGED_FEED_DEFAULTS.intervalMs;
    this.#clock = options.clock ?? SYSTEM_CLOCK;
  }

  /** The merged log; a new object after each merge. */
  get log(): MergedLog {
    return this.#log;
  }

  /** Calls `fn` after every merge that changed the log; returns an unsubscribe. */
  subscribe(fn: () => void): () => void {
    this.#subscribers.add(fn);
    return () => this.#subscribers.delete(fn);
  }

  /** Follows `items` from now on, and merges them at once. */
  setItems(items: readonly FeedItem[]): void {
    this.#items = items;
    const live = new Set(items.map((item) => item.connection));
    for (const [connection, off] of this.#watched) {
      if (!live.has(connection)) off(), this.#watched.delete(connection);
    }
    for (const connection of live) {
      if (this.#watched.has(connection)) continue;
      this.#watched.set(
        connection,
        connection.subscribe(() => this.#schedule()),
      );
    }
    // A rename, or a connection gone, shows without waiting.
    this.#merge();
  }

  /** Stops following the connections. */
  dispose(): void {
    this.#clock.clearTimeout(this.#timer);
    for (const off of this.#watched.values()) off();
    this.#watched.clear();
    this.#subscribers.clear();
  }

  #schedule(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#last + this.#interval - this.#clock.now());
    this.#timer = this.#clock.setTimeout(() => this.#merge(), wait);
  }

  #merge(): void {
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#last = this.#clock.now();
    const log = this.#merger.update(
      this.#items.map(({ id, name, colour, connection }) => ({
        id,
        name,
        colour,
        log: connection.snapshot.log,
      })),
    );
    // A flush of RTT figures or bufferedAmount alone leaves the log as it
    // was: nothing to draw again.
    const same = log.entries === this.#log.entries &&
      log.dropped === this.#log.dropped;
    this.#log = log;
    if (!same) { for (const fn of this.#subscribers) fn(); }
  }
}
