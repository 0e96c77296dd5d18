import assert from "node:assert/strict";
import type { LogEntry } from "./event_log.ts";
import { mergeLogs } from "./merged_log.ts";
import { exportFileName, toNdjson, toRecord } from "./ndjson.ts";

const T = Date.UTC(2024, 0, 31, 14, 3, 7, 42);

const ENTRIES: LogEntry[] = [
  { id: 1, time: T, kind: "open", direction: "none", text: "Connected" },
  { id: 2, time: T + 1, kind: "send", direction: "out", text: "hi\n", size: 3 },
  {
    id: 3,
    time: T + 2,
    kind: "message",
    direction: "in",
    bytes: new Uint8Array([0, 255, 16]),
    size: 3,
    rtt: 1.5,
  },
  {
    id: 4,
    time: T + 3,
    kind: "close",
    direction: "none",
    close: { code: 1000, reason: "done", wasClean: true },
  },
];

Deno.test("toRecord - text payloads as text, binary as base64", () => {
  assert.deepEqual(toRecord(ENTRIES[1]), {
    time: "2024-01-31T14:03:07.043Z",
    type: "send",
    direction: "out",
    size: 3,
    data: "hi\n",
    encoding: "text",
  });
  assert.deepEqual(toRecord(ENTRIES[2]), {
    time: "2024-01-31T14:03:07.044Z",
    type: "message",
    direction: "in",
    size: 3,
    data: "AP8Q",
    encoding: "base64",
    rttMs: 1.5,
  });
});

Deno.test("toRecord - rttMs is rounded to the microsecond", () => {
  const entry = { ...ENTRIES[2], rtt: 4.200000001117587 };
  assert.equal(toRecord(entry).rttMs, 4.2);
  assert.equal(toRecord({ ...entry, rtt: 0.12345678 }).rttMs, 0.123);
});

Deno.test("toRecord - a room member's message or notice says where it came from", () => {
  const entry: LogEntry = {
    id: 8,
    time: T,
    kind: "message",
    direction: "in",
    text: "hi",
    size: 2,
    origin: "room",
  };
  assert.deepEqual(toRecord(entry), {
    time: "2024-01-31T14:03:07.042Z",
    type: "message",
    direction: "in",
    size: 2,
    data: "hi",
    encoding: "text",
    origin: "room",
  });
});

Deno.test("toRecord - state entries carry the readyState and its cause", () => {
  const entry: LogEntry = {
    id: 9,
    time: T,
    kind: "state",
    direction: "none",
    state: 2,
    text: "close() called",
  };
  assert.deepEqual(toRecord(entry), {
    time: "2024-01-31T14:03:07.042Z",
    type: "state",
    direction: "none",
    data: "close() called",
    encoding: "text",
    state: 2,
  });
});

Deno.test("toRecord - close entries carry code, reason and wasClean", () => {
  assert.deepEqual(toRecord(ENTRIES[3]), {
    time: "2024-01-31T14:03:07.045Z",
    type: "close",
    direction: "none",
    code: 1000,
    reason: "done",
    wasClean: true,
  });
});

Deno.test("toNdjson - one line per event, each ending in a newline", () => {
  assert.equal(
    toNdjson(ENTRIES.slice(0, 2)),
    '{"time":"2024-01-31T14:03:07.042Z","type":"open","direction":"none","data":"Connected","encoding":"text"}\n' +
      '{"time":"2024-01-31T14:03:07.043Z","type":"send","direction":"out","size":3,"data":"hi\\n","encoding":"text"}\n',
  );
  assert.equal(toNdjson([]), "");
});

Deno.test("toNdjson - says first how many older entries were dropped", () => {
  const lines = toNdjson(ENTRIES.slice(3), 7).split("\n");
  assert.deepEqual(lines, [
    '{"type":"dropped","count":7}',
    '{"time":"2024-01-31T14:03:07.045Z","type":"close","direction":"none","code":1000,"reason":"done","wasClean":true}',
    "",
  ]);
});

Deno.test("toNdjson - a merged log names the connection on every line, and what each one dropped", () => {
  const merged = mergeLogs([
    {
      id: 1,
      name: "A",
      colour: "#1d4ed8",
      log: { entries: ENTRIES.slice(0, 1), dropped: 2 },
    },
    {
      id: 2,
      name: "bob",
      colour: "#c2410c",
      log: { entries: ENTRIES.slice(1, 2), dropped: 0 },
    },
    {
      id: 3,
      name: "C",
      colour: "#15803d",
      log: { entries: ENTRIES.slice(3), dropped: 5 },
    },
  ]);
  const dropped = new Map([["A", 2], ["bob", 0], ["C", 5]]);
  // The decoded value goes to its own entry's line, though ids repeat.
  const extra = new Map([[merged.entries[1], '"note":1']]);
  assert.deepEqual(toNdjson(merged.entries, dropped, extra).split("\n"), [
    '{"connection":"A","type":"dropped","count":2}',
    '{"connection":"C","type":"dropped","count":5}',
    '{"connection":"A","time":"2024-01-31T14:03:07.042Z","type":"open","direction":"none","data":"Connected","encoding":"text"}',
    '{"connection":"bob","time":"2024-01-31T14:03:07.043Z","type":"send","direction":"out","size":3,"data":"hi\\n","encoding":"text","note":1}',
    '{"connection":"C","time":"2024-01-31T14:03:07.045Z","type":"close","direction":"none","code":1000,"reason":"done","wasClean":true}',
    "",
  ]);
});

Deno.test("exportFileName - UTC stamp without separators", () => {
  assert.equal(exportFileName(T), "echo-session-20240131-140307.ndjson");
});

Deno.test("toRecord - a script step says where it is, whether it passed and how long it took", () => {
  const entry: LogEntry = {
    id: 9,
    time: T,
    kind: "step",
    direction: "none",
    text: 'Step 2 (expect equals "a") failed: expected "a", received "b"',
    step: { path: "2", passed: false, ms: 1.0000001 },
  };
  assert.equal(
    JSON.stringify(toRecord(entry)),
    '{"time":"2024-01-31T14:03:07.042Z","type":"step","direction":"none","data":"Step 2 (expect equals \\"a\\") failed: expected \\"a\\", received \\"b\\"","encoding":"text","step":"2","passed":false,"ms":1}',
  );
});
