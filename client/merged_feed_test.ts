import assert from "node:assert/strict";
import type { LogEntry } from "./event_log.ts";
import type { CappedLog } from "./log_filter.ts";
import { type FeedItem, MergedFeed } from "./merged_feed.ts";
import { FakeClock } from "./test_fakes.ts";

/** A connection whose flushes the test makes. */
class FakeConnection {
  snapshot: { log: CappedLog } = { log: { entries: [], dropped: 0 } };
  readonly subscribers = new Set<() => void>();
  #id = 0;
  subscribe(fn: () => void) {
    this.subscribers.add(fn);
    return () => void this.subscribers.delete(fn);
  }
  flush(time: number, text: string) {
    const entry: LogEntry = {
      id: ++this.#id,
      time,
      kind: "message",
      direction: "in",
      text,
    };
    const entries = [...this.snapshot.log.entries, entry];
    this.snapshot = { log: { entries, dropped: 0 } };
    for (const fn of this.subscribers) fn();
  }
}

function items(connections: FakeConnection[]): FeedItem[] {
  return connections.map((connection, i) => ({
    id: i + 1,
    name: String.fromCharCode(65 + i),
    colour: "#1d4ed8",
    connection,
  }));
}

Deno.test("MergedFeed - eight connections flushing every 50 ms merge at most once per 50 ms, not 160 times a second", () => {
  const clock = new FakeClock(0);
  const feed = new MergedFeed({ clock });
  const connections = Array.from({ length: 8 }, () => new FakeConnection());
  feed.setItems(items(connections));
  let merges = 0;
  feed.subscribe(() => merges++);
  // Each flushes 20 times in the second, at its own phase.
  for (let t = 0; t < 1000; t++) {
    clock.runTo(t);
    connections.forEach((c, i) => {
      if (t % 50 === i * 6) c.flush(t, `${i}@${t}`);
    });
  }
  clock.runTo(1100);
  assert.ok(merges <= 21, `${merges} merges`);
  assert.ok(merges >= 19, `${merges} merges`);
  assert.equal(feed.log.entries.length, 160);
  const times = feed.log.entries.map((e) => e.time);
  assert.deepEqual(times, [...times].sort((a, b) => a - b));
});

Deno.test("MergedFeed - a flush after a quiet spell merges at once, one that left the logs as they were tells no one; setItems follows added and removed connections", () => {
  const clock = new FakeClock(0);
  const feed = new MergedFeed({ clock });
  const [a, b] = [new FakeConnection(), new FakeConnection()];
  feed.setItems(items([a]));
  clock.runTo(500);
  a.flush(500, "a1");
  clock.runTo(500);
  assert.deepEqual(feed.log.entries.map((e) => e.key), ["1:1"]);
  feed.setItems(items([a, b]));
  b.flush(510, "b1");
  clock.runTo(560);
  assert.deepEqual(feed.log.entries.map((e) => e.text), ["a1", "b1"]);
  // A flush that left the log as it was tells no one.
  let told = 0;
  feed.subscribe(() => told++);
  for (const fn of b.subscribers) fn();
  clock.runTo(620);
  assert.equal(told, 0);
  feed.setItems(items([b]).map((item) => ({ ...item, id: 2 })));
  assert.equal(a.subscribers.size, 0);
  assert.deepEqual(feed.log.entries.map((e) => e.text), ["b1"]);
  feed.dispose();
  assert.equal(b.subscribers.size, 0);
  assert.equal(clock.pending, 0);
});
