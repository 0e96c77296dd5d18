import assert from "node:assert/strict";
import type { LogEntry } from "./event_log.ts";
import { LogMerger, type LogSource, mergeLogs } from "./merged_log.ts";

function entry(id: number, time: number, text: string): LogEntry {
  return { id, time, kind: "message", direction: "in", text };
}

function source(
  id: number,
  name: string,
  entries: LogEntry[],
  dropped = 0,
): LogSource {
  return { id, name, colour: `#00000${id}`, log: { entries, dropped } };
}

const A = source(1, "A", [entry(1, 10, "a1"), entry(2, 30, "a2")], 4);
const B = source(2, "B", [entry(1, 10, "b1"), entry(2, 20, "b2")], 1);

Deno.test("mergeLogs - one time order, ties in the order of ids, each entry labelled", () => {
  const merged = mergeLogs([A, B]);
  assert.deepEqual(
    merged.entries.map((e) => `${e.source.name} ${e.text} ${e.key}`),
    ["A a1 1:1", "B b1 2:1", "B b2 2:2", "A a2 1:2"],
  );
  assert.deepEqual(merged.entries[0].source, {
    id: 1,
    name: "A",
    colour: "#000001",
  });
  assert.equal(merged.dropped, 5);
  assert.deepEqual(merged.droppedBy, new Map([[1, 4], [2, 1]]));
});

Deno.test("mergeLogs - keeps one connection's own order when its clock steps back", () => {
  const stepped = source(3, "C", [entry(1, 50, "c1"), entry(2, 5, "c2")]);
  assert.deepEqual(
    mergeLogs([stepped, B]).entries.map((e) => e.text),
    ["b1", "b2", "c1", "c2"],
  );
});

Deno.test("mergeLogs - the filter keeps only the connections shown", () => {
  const merged = mergeLogs([A, B], new Set([2]));
  assert.deepEqual(merged.entries.map((e) => e.text), ["b1", "b2"]);
  assert.equal(merged.dropped, 1);
  assert.deepEqual(mergeLogs([A, B], new Set()).entries, []);
  assert.deepEqual(mergeLogs([]), {
    entries: [],
    dropped: 0,
    droppedBy: new Map(),
  });
});

const texts = (log: { entries: readonly LogEntry[] }) =>
  log.entries.map((e) => e.text);

Deno.test("LogMerger - a later flush goes in time order among what was merged, and merged entries stay the same objects", () => {
  const merger = new LogMerger();
  const a = [entry(1, 10, "a1"), entry(2, 40, "a2")];
  const b = [entry(1, 20, "b1")];
  const first = merger.update([source(1, "A", a), source(2, "B", b)]);
  assert.deepEqual(texts(first), ["a1", "b1", "a2"]);
  // B's next flush holds an entry older than A's last one.
  const b2 = [...b, entry(2, 30, "b2"), entry(3, 50, "b3")];
  const second = merger.update([source(1, "A", a), source(2, "B", b2)]);
  assert.deepEqual(texts(second), ["a1", "b1", "b2", "a2", "b3"]);
  for (const kept of first.entries) {
    assert.ok(second.entries.includes(kept), `${kept.key} was made again`);
  }
  // The list returned before is left as it was.
  assert.deepEqual(texts(first), ["a1", "b1", "a2"]);
  assert.deepEqual(
    second.entries,
    mergeLogs([source(1, "A", a), source(2, "B", b2)]).entries,
  );
});

Deno.test("LogMerger - entries the cap dropped, a cleared log and a removed connection leave the list", () => {
  const merger = new LogMerger();
  const a = [entry(1, 10, "a1"), entry(2, 30, "a2"), entry(3, 50, "a3")];
  const b = [entry(1, 20, "b1"), entry(2, 40, "b2")];
  merger.update([source(1, "A", a), source(2, "B", b)]);
  const capped = merger.update([
    source(1, "A", a.slice(2), 2),
    source(2, "B", b),
  ]);
  assert.deepEqual(texts(capped), ["b1", "b2", "a3"]);
  assert.equal(capped.dropped, 2);
  const cleared = merger.update([
    source(1, "A", [entry(4, 60, "a4")]),
    source(2, "B", []),
  ]);
  assert.deepEqual(texts(cleared), ["a4"]);
  const removed = merger.update([source(2, "B", [entry(3, 70, "b3")])]);
  assert.deepEqual(texts(removed), ["b3"]);
});

Deno.test("LogMerger - a renamed or recoloured connection's entries are labelled anew, the others kept", () => {
  const merger = new LogMerger();
  const a = [entry(1, 10, "a1")];
  const b = [entry(1, 20, "b1")];
  const before = merger.update([source(1, "A", a), source(2, "B", b)]);
  const after = merger.update([
    { ...source(1, "alice", a), colour: "#1d4ed8" },
    source(2, "B", b),
  ]);
  assert.deepEqual(after.entries[0].source, {
    id: 1,
    name: "alice",
    colour: "#1d4ed8",
  });
  assert.notEqual(after.entries[0], before.entries[0]);
  assert.equal(after.entries[1], before.entries[1]);
});

Deno.test("LogMerger - a clock that steps back keeps the connection's order across flushes", () => {
  const merger = new LogMerger();
  const c = [entry(1, 50, "c1")];
  merger.update([source(1, "C", c), source(2, "B", [entry(1, 10, "b1")])]);
  const next = merger.update([
    source(1, "C", [...c, entry(2, 5, "c2")]),
    source(2, "B", [entry(1, 10, "b1"), entry(2, 60, "b2")]),
  ]);
  assert.deepEqual(texts(next), ["b1", "c1", "c2", "b2"]);
  assert.equal(next.entries[2].at, 50);
});
