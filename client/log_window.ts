/**
 * Which of the log's entries are drawn. Following the newest, only the last
 * few hundred are: at thousands of messages a second the page cannot build
 * and discard a thousand entries twenty times a second and still answer a
 * key. Scrolled up, the reader's place holds: entries are drawn from the
 * one at the top of the window on, earlier ones are added a step at a time,
 * and once the cap drops what the reader is looking at, the view holds the
 * entries as they were. Browser-safe and free of Preact.
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
  /** Id of the first entry drawn; `null` to draw the newest `follow`. */
  top: number | null;
  /** Whether `base` is held: the live list no longer has the top entry. */
  held: boolean;
}

/** A window on `live` following its newest entries. */
export function followingWindow(live: readonly LogEntry[]): LogWindow {
  return { base: live, top: null, held: false };
}

/** The entries `window` draws, oldest first. */
export function drawnEntries(window: LogWindow): readonly LogEntry[] {
  const { base, top } = window;
  if (top === null) return base.slice(-LOG_WINDOW.follow);
  const from = base.findIndex((entry) => entry.id >= top);
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
  const top = window.top ?? drawnEntries(window)[0]?.id ?? null;
  if (top === null) return followingWindow(live);
  if (window.held || live[0].id > top) {
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
  if (at <= 0) return { ...window, top: first.id };
  return {
    ...window,
    top: window.base[Math.max(0, at - LOG_WINDOW.step)].id,
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
  for (let i = live.length - 1; i >= 0 && live[i].id > last.id; i--) n++;
  return n;
}
