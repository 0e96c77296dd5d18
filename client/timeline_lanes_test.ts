import assert from "node:assert/strict";
import { type LaneCache, laneRowOf, layoutLanes } from "./timeline_lanes.ts";
import type { TraceEntry } from "./trace.ts";

/** A socket opened at `at`, open 100 ms later. */
function opened(at: number): TraceEntry[] {
  return [
    { at, kind: "call", name: "new WebSocket", detail: "ws://h/?room=r" },
    { at, kind: "state", state: 0, cause: "new WebSocket" },
    { at: at + 100, kind: "state", state: 1, cause: "open event" },
    { at: at + 100, kind: "event", name: "open", detail: "" },
  ];
}

// alice opens at 1000 and sends at 1500; bob opens at 1200 and receives
// alice's message at 1500.3. 1 ms is 1 px on a 1000 px axis ending at 2000.
const ALICE: TraceEntry[] = [
  ...opened(1000),
  { at: 1500, kind: "call", name: "send", detail: "2 bytes" },
];
const BOB: TraceEntry[] = [
  ...opened(1200),
  { at: 1500.3, kind: "event", name: "message", detail: "2 bytes" },
];
const SOURCES = [
  { id: 1, name: "alice", colour: "#1d4ed8", trace: ALICE },
  { id: 2, name: "bob", colour: "#c2410c", trace: BOB },
];

Deno.test("layoutLanes - one lane per source in list order, names and colours carried", () => {
  const { lanes } = layoutLanes(SOURCES, 2000, 1000);
  assert.deepEqual(
    lanes.map(({ id, name, colour, empty, sessions }) => ({
      id,
      name,
      colour,
      empty,
      sessions,
    })),
    [
      { id: 1, name: "alice", colour: "#1d4ed8", empty: false, sessions: 1 },
      { id: 2, name: "bob", colour: "#c2410c", empty: false, sessions: 1 },
    ],
  );
  const reversed = layoutLanes([...SOURCES].reverse(), 2000, 1000);
  assert.deepEqual(reversed.lanes.map((l) => l.name), ["bob", "alice"]);
});

Deno.test("layoutLanes - same-time marks of two traces get the same x on the shared axis", () => {
  const layout = layoutLanes(SOURCES, 2000, 1000);
  assert.equal(layout.start, 1000);
  assert.equal(layout.span, 1000);
  assert.equal(layout.over, false);
  const [alice, bob] = layout.lanes;
  const send = alice.marks.find((m) => m.row === "send")!;
  const message = bob.marks.find((m) => m.row === "message")!;
  assert.equal(send.x, 498.5);
  assert.equal(Math.round(message.x * 10) / 10, 498.8);
  assert.equal(send.label, "send, 2 bytes, at 0.500 s");
  assert.equal(message.label, "message, 2 bytes, at 0.500 s");
  // bob's socket starts 200 ms into the axis, not at its own 0.
  assert.equal(bob.bands[0].x, 200);
  assert.equal(
    bob.bands[0].label,
    "CONNECTING from 0.200 s to 0.300 s, new WebSocket",
  );
});

Deno.test("layoutLanes - an empty trace gets an empty lane, and does not hold the axis", () => {
  const layout = layoutLanes(
    [...SOURCES, { id: 3, name: "C", colour: "#15803d", trace: [] }],
    2000,
    1000,
  );
  const c = layout.lanes[2];
  assert.equal(c.name, "C");
  assert.equal(c.empty, true);
  assert.equal(c.sessions, 0);
  assert.deepEqual([c.bands, c.marks], [[], []]);
  assert.equal(layout.start, 1000);
  const none = layoutLanes([{ ...SOURCES[0], trace: [] }], 5000, 1000);
  assert.deepEqual([none.start, none.over, none.lanes[0].empty], [
    5000,
    false,
    true,
  ]);
});

Deno.test("layoutLanes - the axis ends at the last entry once every socket is closed", () => {
  const closed = (trace: TraceEntry[], at: number): TraceEntry[] => [
    ...trace,
    { at, kind: "state", state: 3, cause: "close frame received" },
    { at, kind: "event", name: "close", detail: "1000, clean" },
  ];
  const a = { ...SOURCES[0], trace: closed(ALICE, 1600) };
  const b = { ...SOURCES[1], trace: closed(BOB, 1800) };
  assert.equal(layoutLanes([a, SOURCES[1]], 9000, 1000).over, false);
  const layout = layoutLanes([a, b], 9000, 1000);
  assert.deepEqual([layout.over, layout.span], [true, 800]);
  // alice's CLOSED lasts until bob's socket closes, the axis's end.
  const last = layout.lanes[0].bands.at(-1)!;
  assert.deepEqual([last.state, last.x, last.width], [3, 750, 250]);
});

Deno.test("layoutLanes - calls share a bin, events share one, so a lane's marks never overlap", () => {
  const trace: TraceEntry[] = [
    ...opened(1000),
    { at: 1100.5, kind: "event", name: "message", detail: "5 bytes" },
    { at: 1101, kind: "event", name: "message", detail: "5 bytes" },
  ];
  const [lane] = layoutLanes([{ ...SOURCES[0], trace }], 2000, 1000).lanes;
  assert.deepEqual(
    lane.marks.map(({ row, count, label }) => ({ row, count, label })),
    [
      {
        row: "new WebSocket",
        count: 1,
        label: "new WebSocket, ws://h/?room=r, at 0.000 s",
      },
      {
        row: "open",
        count: 3,
        label: "1 open event, 2 messages, 0.100 s–0.101 s",
      },
    ],
  );
  assert.deepEqual(
    ["send", "close()", "error", "step"].map((r) =>
      laneRowOf(r as "send" | "close()" | "error" | "step")
    ),
    ["calls", "calls", "events", "steps"],
  );
});

Deno.test("layoutLanes - a lane is laid out again only when its trace or the axis changed", () => {
  const cache: LaneCache = new WeakMap();
  const first = layoutLanes(SOURCES, 2000, 1000, cache);
  const grown = [
    ...BOB,
    {
      at: 1600,
      kind: "event",
      name: "message",
      detail: "1 byte",
    } as const,
  ];
  const next = layoutLanes(
    [SOURCES[0], { ...SOURCES[1], trace: grown }],
    2000,
    1000,
    cache,
  );
  assert.equal(next.lanes[0].marks, first.lanes[0].marks);
  assert.notEqual(next.lanes[1].marks, first.lanes[1].marks);
  assert.equal(next.lanes[1].marks.length, 4);
  const later = layoutLanes(SOURCES, 2500, 1000, cache);
  assert.notEqual(later.lanes[0].marks, first.lanes[0].marks);
});
