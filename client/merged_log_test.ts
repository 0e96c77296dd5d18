import assert from "node:assert/strict";
import type { LogEntry } from "./event_log.ts";
import { type LogSource, mergeLogs } from "./merged_log.ts";

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

Deno.test("mergeLogs - one time order, ties in list order, each entry labelled", () => {
  const merged = mergeLogs([A, B]);
  assert.deepEqual(
    merged.entries.map((e) => `${e.source.name} ${e.entry.text} ${e.key}`),
    ["A a1 1:1", "B b1 2:1", "B b2 2:2", "A a2 1:2"],
  );
  assert.deepEqual(merged.entries[0].source, {
    id: 1,
    name: "A",
    colour: "#000001",
  });
  assert.equal(merged.dropped, 5);
});

Deno.test("mergeLogs - keeps one connection's own order when its clock steps back", () => {
  const stepped = source(3, "C", [entry(1, 50, "c1"), entry(2, 5, "c2")]);
  assert.deepEqual(
    mergeLogs([stepped, B]).entries.map((e) => e.entry.text),
    ["b1", "b2", "c1", "c2"],
  );
});

Deno.test("mergeLogs - the filter keeps only the connections shown", () => {
  const merged = mergeLogs([A, B], new Set([2]));
  assert.deepEqual(merged.entries.map((e) => e.entry.text), ["b1", "b2"]);
  assert.equal(merged.dropped, 1);
  assert.deepEqual(mergeLogs([A, B], new Set()).entries, []);
  assert.deepEqual(mergeLogs([]), { entries: [], dropped: 0 });
});
