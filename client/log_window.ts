/**
 * Which of the log's entries are drawn. Following the newest, only the last
 * few hundred are: at thousands of messages a second the page cannot build
 * and discard a thousand entries twenty times a second and still answer a
 * key. Scrolled up, the reader's place holds: entries are drawn from the
 * one at the top of the window on, earlier ones are added a step at a time,
 * and once the cap drops what the reader is looking at, the view holds the
 * entries as they were. A merged log (client/merged_log.ts) works the same:
 * its entries' ids collide across connections, so places are compared by
 * {@linkcode compareEntries}. Browser-safe and free of Preact.
 *
 * @module
 */

import type { LogEntry } from "./event_log.ts";

/** How many entries are drawn while following, and added per step up. */
export const LOG_WINDOW = { follow: 200, step: 100 } as const;

/** What the reader's view rests on. */
export interface LogWindow {
  /** The list drawn from: the live entries, or those held while paused. */
  base: readonly LogEntry[];
  /** The first entry drawn; `null` to draw the newest `follow`. */
  top: LogEntry | null;
  /** Whether `base` is held: the live list no longer has the top entry. */
  held: boolean;
}

/** An entry of a merged log: by time, then connection (client/merged_log.ts). */
type Placed = LogEntry & { at: number; from: number };

/**
 * Which of two entries of one list comes first (negative for `a`): by id
 * within one connection's log, by time then connection in a merged log.
 * One connection's entries have no `at` nor `from`: NaN, which `||` passes.
 */
export function compareEntries(a: LogEntry, b: LogEntry): number {
  const x = a as Placed, y = b as Placed;
  return x.at - y.at || x.from - y.from || a.id - b.id;
}

/** A window on `live` following its newest entries. */
export function followingWindow(live: readonly LogEntry[]): LogWindow {
  return { base: live, top: null, held: false };
}

/** The entries `window` draws, oldest first. */
export function drawnEntries(window: LogWindow): readonly LogEntry[] {
  const { base, top } = window;
  if (top === null) return base.slice(-LOG_WINDOW.follow);
  const from = base.findIndex((entry) => compareEntries(entry, top) >= 0);
  return from === -1 ? [] : base.slice(from);
}

/**
 * The window after the live list became `live`. Following, it is the live
 * list's newest entries. Paused, it keeps its top entry, on the live list
 * while that still has it, else on the list it had.
 */
export function followLive(
  window: LogWindow,
  live: readonly LogEntry[],
  following: boolean,
): LogWindow {
  if (following || live.length === 0) return followingWindow(live);
  const top = window.top ?? drawnEntries(window)[0] ?? null;
  if (top === null) return followingWindow(live);
  if (window.held || compareEntries(live[0], top) > 0) {
    return { base: window.base, top, held: true };
  }
  return { base: live, top, held: false };
}

/** The window with up to `step` earlier entries of its list drawn too. */
export function drawEarlier(window: LogWindow): LogWindow {
  const drawn = drawnEntries(window);
  const first = drawn[0];
  if (!first) return window;
  const at = window.base.indexOf(first);
  if (at <= 0) return { ...window, top: first };
  return {
    ...window,
    top: window.base[Math.max(0, at - LOG_WINDOW.step)],
  };
}

/** Whether earlier entries of the window's list are not drawn yet. */
export function hasEarlier(window: LogWindow): boolean {
  const first = drawnEntries(window)[0];
  return first !== undefined && window.base[0] !== first;
}

/** How many entries of `live` are newer than the last one drawn. */
export function countNewer(
  window: LogWindow,
  live: readonly LogEntry[],
): number {
  const last = window.base.at(-1);
  if (!last) return live.length;
  let n = 0;
  for (
    let i = live.length - 1;
    i >= 0 && compareEntries(live[i], last) > 0;
    i--
  ) n++;
  return n;
}
