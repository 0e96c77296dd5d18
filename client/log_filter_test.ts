import assert from "node:assert/strict";
import type { LogEntry } from "./event_log.ts";
import {
  appendCapped,
  EMPTY_LOG,
  filterEntries,
  isFiltering,
  parseLogCap,
  searchableText,
  SHOW_ALL,
} from "./log_filter.ts";

function entry(id: number, detail: Partial<LogEntry>): LogEntry {
  return { id, time: 0, kind: "message", direction: "in", ...detail };
}

const ENTRIES: LogEntry[] = [
  entry(1, { kind: "open", direction: "none", text: "Connected" }),
  entry(2, { kind: "send", direction: "out", text: "Hello World" }),
  entry(3, { kind: "message", text: "Hello World" }),
  entry(4, {
    kind: "send",
    direction: "out",
    bytes: new Uint8Array([0xff, 0xfe]),
  }),
  entry(5, { kind: "message", bytes: new TextEncoder().encode("héllo") }),
  entry(6, {
    kind: "close",
    direction: "none",
    close: { code: 4001, reason: "Bye now", wasClean: true },
  }),
];
const ids = (entries: LogEntry[]) => entries.map((e) => e.id);

Deno.test("filterEntries - shows everything with SHOW_ALL", () => {
  assert.deepEqual(ids(filterEntries(ENTRIES, SHOW_ALL)), [1, 2, 3, 4, 5, 6]);
  assert.equal(isFiltering(SHOW_ALL), false);
});

Deno.test("filterEntries - by direction", () => {
  const filter = { ...SHOW_ALL, direction: "out" as const };
  assert.deepEqual(ids(filterEntries(ENTRIES, filter)), [2, 4]);
  assert.equal(isFiltering(filter), true);
});

Deno.test("filterEntries - by kind", () => {
  const filter = { ...SHOW_ALL, kinds: ["open", "close"] as const };
  assert.deepEqual(ids(filterEntries(ENTRIES, filter)), [1, 6]);
  assert.equal(isFiltering(filter), true);
});

Deno.test("filterEntries - search is case-insensitive over text, hex, UTF-8 and close", () => {
  const search = (text: string) =>
    ids(filterEntries(ENTRIES, { ...SHOW_ALL, search: text }));
  assert.deepEqual(search("hello"), [2, 3]);
  assert.deepEqual(search("FF FE"), [4]);
  assert.deepEqual(search("héllo"), [5]);
  assert.deepEqual(search("bye"), [6]);
  assert.deepEqual(search("4001"), [6]);
  assert.deepEqual(search("  "), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(search("nowhere"), []);
});

Deno.test("filterEntries - combines direction, kind and search", () => {
  const filter = {
    direction: "in" as const,
    kinds: ["message"] as const,
    search: "world",
  };
  assert.deepEqual(ids(filterEntries(ENTRIES, filter)), [3]);
});

Deno.test("searchableText - lists kind, hex and decoded text", () => {
  assert.equal(searchableText(ENTRIES[3]), "send\nff fe\n\ufffd\ufffd");
});

Deno.test("appendCapped - drops the oldest beyond the cap and counts them", () => {
  let log = appendCapped(EMPTY_LOG, ENTRIES.slice(0, 2), 3);
  assert.deepEqual(ids([...log.entries]), [1, 2]);
  assert.equal(log.dropped, 0);
  log = appendCapped(log, ENTRIES.slice(2, 5), 3);
  assert.deepEqual(ids([...log.entries]), [3, 4, 5]);
  assert.equal(log.dropped, 2);
  log = appendCapped(log, [ENTRIES[5]], 3);
  assert.deepEqual(ids([...log.entries]), [4, 5, 6]);
  assert.equal(log.dropped, 3);
});

Deno.test("appendCapped - a lower cap trims at once", () => {
  const log = appendCapped({ entries: ENTRIES, dropped: 4 }, [], 2);
  assert.deepEqual(ids([...log.entries]), [5, 6]);
  assert.equal(log.dropped, 8);
});

Deno.test("parseLogCap - accepts whole numbers in range only", () => {
  assert.equal(parseLogCap("500"), 500);
  assert.equal(parseLogCap("10"), 10);
  assert.equal(parseLogCap("10000"), 10000);
  const error = 'Keep "9" entries? Use a whole number from 10 to 10000';
  assert.equal(parseLogCap("9"), error);
  assert.equal(
    parseLogCap("1.5"),
    'Keep "1.5" entries? Use a whole number from 10 to 10000',
  );
  assert.equal(
    parseLogCap(""),
    'Keep "" entries? Use a whole number from 10 to 10000',
  );
});
