import assert from "node:assert/strict";
import type { LogEntry } from "./event_log.ts";
import { mergeLogs } from "./merged_log.ts";
import {
  countNewer,
  drawEarlier,
  drawnEntries,
  followingWindow,
  followLive,
  hasEarlier,
  LOG_WINDOW,
} from "./log_window.ts";

/** Entries with ids `from` to `to`, as the connection makes them. */
function entries(from: number, to: number): LogEntry[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({
    id: from + i,
    time: 0,
    kind: "message",
    direction: "in",
    text: `m${from + i}`,
  }));
}

const ids = (list: readonly LogEntry[]) => list.map((e) => e.id);

Deno.test("drawnEntries - following, only the newest 200 are drawn", () => {
  const drawn = drawnEntries(followingWindow(entries(1, 1000)));
  assert.equal(LOG_WINDOW.follow, 200);
  assert.equal(drawn.length, 200);
  assert.equal(drawn[0].id, 801);
  assert.equal(drawn.at(-1)!.id, 1000);
});

Deno.test("followLive - paused, new entries go below and the top stays", () => {
  const live = entries(1, 300);
  const paused = followLive(followingWindow(live), live, false);
  assert.equal(paused.top?.id, 101);
  const next = followLive(paused, entries(1, 310), false);
  assert.equal(next.held, false);
  assert.deepEqual(ids(drawnEntries(next)).slice(0, 2), [101, 102]);
  assert.equal(drawnEntries(next).at(-1)!.id, 310);
  assert.equal(countNewer(next, entries(1, 310)), 0);
});

Deno.test("followLive - paused, once the cap drops the top entry the list is held", () => {
  const live = entries(1, 1000);
  const paused = followLive(followingWindow(live), live, false);
  const held = followLive(paused, entries(900, 1899), false);
  assert.equal(held.held, true);
  assert.equal(held.base, live);
  assert.deepEqual(ids(drawnEntries(held)), ids(entries(801, 1000)));
  assert.equal(countNewer(held, entries(1000, 1999)), 999);
  // Held stays held, though the live list moves on.
  const later = followLive(held, entries(5000, 5999), false);
  assert.equal(later.base, live);
  assert.equal(later.top?.id, 801);
});

Deno.test("drawEarlier - adds 100 earlier entries at a time, down to the first", () => {
  const live = entries(1, 1000);
  let view = followLive(followingWindow(live), live, false);
  assert.equal(hasEarlier(view), true);
  view = drawEarlier(view);
  assert.equal(drawnEntries(view)[0].id, 701);
  for (let i = 0; i < 6; i++) view = drawEarlier(view);
  assert.equal(drawnEntries(view)[0].id, 101);
  view = drawEarlier(view);
  assert.equal(drawnEntries(view).length, 1000);
  assert.equal(hasEarlier(view), false);
  assert.equal(drawEarlier(view).top?.id, 1);
});

Deno.test("followLive - following again, or a cleared log, draws the live list", () => {
  const live = entries(1, 1000);
  const held = followLive(
    followLive(followingWindow(live), live, false),
    entries(2000, 2999),
    false,
  );
  assert.deepEqual(
    ids(drawnEntries(followLive(held, entries(2000, 2999), true))),
    ids(entries(2800, 2999)),
  );
  assert.deepEqual(drawnEntries(followLive(held, [], false)), []);
});

/**
 * Two connections' logs merged, A's at even ms and B's at odd: B's ids
 * run 1000 ahead of A's, so ids say nothing of time across them.
 */
function merged(from: number, to: number) {
  const log = (offset: number, ids: number) => ({
    entries: entries(from, to).map((e) => ({
      ...e,
      id: e.id + ids,
      time: e.id * 2 + offset,
    })),
    dropped: 0,
  });
  return mergeLogs([
    { id: 1, name: "A", colour: "#1d4ed8", log: log(0, 0) },
    { id: 2, name: "B", colour: "#c2410c", log: log(1, 1000) },
  ]).entries;
}

const keys = (list: readonly LogEntry[]) =>
  list.map((e) => (e as { key?: string }).key);

Deno.test("followLive - a merged log, whose ids collide across connections, keeps the reader's place by time", () => {
  const live = merged(1, 300);
  const paused = followLive(followingWindow(live), live, false);
  assert.deepEqual(keys(drawnEntries(paused)).slice(0, 2), ["1:201", "2:1201"]);
  const next = followLive(paused, merged(1, 310), false);
  assert.equal(next.held, false);
  assert.deepEqual(keys(drawnEntries(next)).slice(0, 2), ["1:201", "2:1201"]);
  assert.equal(drawnEntries(next).length, 220);
  assert.equal(countNewer(next, merged(1, 310)), 0);
  assert.equal(countNewer(paused, merged(1, 310)), 20);
  // The cap drops A's and B's first 250: the view holds what it drew.
  const held = followLive(next, merged(251, 320), false);
  assert.equal(held.held, true);
  assert.deepEqual(keys(drawnEntries(held)).slice(0, 1), ["1:201"]);
  const earlier = drawEarlier(next);
  assert.deepEqual(keys(drawnEntries(earlier)).slice(0, 1), ["1:151"]);
});
