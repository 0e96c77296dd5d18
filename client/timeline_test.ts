import assert from "node:assert/strict";
import {
  END_PX,
  formatAt,
  layoutTicks,
  layoutTimeline,
  MIN_BAND_PX,
} from "./timeline.ts";
import type { TraceEntry } from "./trace.ts";

/** One socket from 5000 to 6000 ms: 1 ms is 1 px on a 1000 px axis. */
const SESSION: TraceEntry[] = [
  { at: 5000, kind: "call", name: "new WebSocket", detail: "ws://h/api/ws" },
  { at: 5000, kind: "state", state: 0, cause: "new WebSocket" },
  { at: 5100, kind: "state", state: 1, cause: "open event" },
  { at: 5100, kind: "event", name: "open", detail: "" },
  { at: 5400, kind: "call", name: "send", detail: "12 bytes" },
  { at: 5400, kind: "buffered", bytes: 12 },
  { at: 5420, kind: "buffered", bytes: 0 },
  { at: 5420, kind: "event", name: "message", detail: "12 bytes" },
  { at: 5999.5, kind: "call", name: "close", detail: "1000" },
  { at: 5999.5, kind: "state", state: 2, cause: "close() called" },
  { at: 5999.75, kind: "state", state: 3, cause: "close frame received" },
  { at: 5999.75, kind: "event", name: "close", detail: "1000, clean" },
  { at: 6000, kind: "mark", label: "step 1", detail: "closed", ok: true },
];

/** Rounds pixel positions to 1/1000 px so float noise does not matter. */
function px<T extends { x: number; width: number }>(items: T[]) {
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return items.map((i) => ({ ...i, x: r(i.x), width: r(i.width) }));
}

Deno.test("layoutTimeline - a finished session spans first entry to last", () => {
  const layout = layoutTimeline(SESSION, 99_000, 1000);
  assert.equal(layout.start, 5000);
  assert.equal(layout.span, 1000);
  assert.equal(layout.over, true);
  assert.equal(layout.sessions, 1);
});

Deno.test("layoutTimeline - an empty trace counts no sockets", () => {
  const layout = layoutTimeline([], 99_000, 1000);
  assert.equal(layout.sessions, 0);
  assert.deepEqual(layout.bands, []);
});

Deno.test("layoutTimeline - bands run from each transition to the next", () => {
  const { bands } = layoutTimeline(SESSION, 99_000, 1000);
  assert.deepEqual(px(bands), [
    {
      x: 0,
      width: 100,
      state: 0,
      count: 1,
      label: "CONNECTING from 0.000 s to 0.100 s, new WebSocket",
    },
    {
      x: 100,
      width: 899.5,
      state: 1,
      count: 1,
      label: "OPEN from 0.100 s to 1.000 s, open event",
    },
    // 0.25 ms each: drawn MIN_BAND_PX wide, the second after the first.
    {
      x: 999.5,
      width: MIN_BAND_PX,
      state: 2,
      count: 1,
      label: "CLOSING from 1.000 s to 1.000 s, close() called",
    },
    // The CLOSED a finished session ends in gets room past the axis.
    {
      x: 1001.5,
      width: END_PX,
      state: 3,
      count: 1,
      label: "CLOSED from 1.000 s to 1.000 s, close frame received",
    },
  ]);
});

Deno.test("layoutTimeline - a live session spans to now", () => {
  const live = SESSION.slice(0, 8);
  const layout = layoutTimeline(live, 7000, 1000);
  assert.equal(layout.over, false);
  assert.equal(layout.span, 2000);
  assert.deepEqual(
    px(layout.bands).map(({ x, width, state }) => [x, width, state]),
    [[0, 50, 0], [50, 950, 1]],
  );
  // Never under a second, so a new socket's axis does not jitter.
  assert.equal(layoutTimeline(live.slice(0, 2), 5010, 1000).span, 1000);
});

Deno.test("layoutTimeline - a 0.2 ms band is 2px wide and hides no other", () => {
  const trace: TraceEntry[] = [
    { at: 0, kind: "state", state: 0, cause: "" },
    { at: 100, kind: "state", state: 1, cause: "" },
    { at: 500, kind: "state", state: 2, cause: "" },
    { at: 500.2, kind: "state", state: 3, cause: "" },
    { at: 900, kind: "call", name: "new WebSocket", detail: "" },
  ];
  const { bands } = layoutTimeline(trace, 1000, 1000);
  assert.deepEqual(
    px(bands).map(({ x, width, state }) => [x, width, state]),
    [[0, 100, 0], [100, 400, 1], [500, 2, 2], [502, 398, 3], [900, 100, 0]],
  );
});

Deno.test("layoutTimeline - new WebSocket after CLOSED starts CONNECTING again", () => {
  const trace: TraceEntry[] = [
    ...SESSION,
    // The second socket has no state entry for CONNECTING: the call implies it.
    { at: 7000, kind: "call", name: "new WebSocket", detail: "ws://h/api/ws" },
    { at: 7050, kind: "state", state: 1, cause: "open event" },
  ];
  const layout = layoutTimeline(trace, 8000, 1000);
  assert.equal(layout.over, false);
  assert.equal(layout.sessions, 2);
  assert.equal(layout.span, 3000);
  assert.deepEqual(layout.bands.map((b) => b.state), [0, 1, 2, 3, 0, 1]);
  assert.equal(
    layout.bands[4].label,
    "CONNECTING from 2.000 s to 2.050 s, new WebSocket",
  );
});

Deno.test("layoutTimeline - a storm of short sockets becomes a few grouped bands", () => {
  const trace: TraceEntry[] = [];
  // 1000 sockets that fail in 2 ms, one every 100 ms: 100 s on 1000 px.
  for (let i = 0; i < 1000; i++) {
    const at = i * 100;
    trace.push(
      { at, kind: "call", name: "new WebSocket", detail: "" },
      { at: at + 1, kind: "event", name: "error", detail: "" },
      { at: at + 2, kind: "state", state: 3, cause: "connection failed" },
    );
  }
  const { bands, span } = layoutTimeline(trace, 0, 1000);
  assert.equal(span, 99_902);
  // About one band every BIN_PX, not 2000 of them.
  assert.equal(bands.length, 134);
  assert.equal(bands.reduce((n, b) => n + b.count, 0), 2000);
  assert.equal(
    bands[0].label,
    "15 states from 0.000 s to 0.702 s, mostly CLOSED",
  );
});

Deno.test("layoutTimeline - marks carry their details and sort by time", () => {
  const { marks } = layoutTimeline(SESSION, 99_000, 1000);
  assert.deepEqual(px(marks), [
    {
      x: -1.5,
      width: 3,
      row: "new WebSocket",
      count: 1,
      label: "new WebSocket, ws://h/api/ws, at 0.000 s",
    },
    { x: 98.5, width: 3, row: "open", count: 1, label: "open, at 0.100 s" },
    {
      x: 398.5,
      width: 3,
      row: "send",
      count: 1,
      label: "send, 12 bytes, at 0.400 s",
    },
    {
      x: 418.5,
      width: 3,
      row: "message",
      count: 1,
      label: "message, 12 bytes, at 0.420 s",
    },
    {
      x: 998,
      width: 3,
      row: "close()",
      count: 1,
      label: "close(), 1000, at 1.000 s",
    },
    {
      x: 998.25,
      width: 3,
      row: "close",
      count: 1,
      label: "close, 1000, clean, at 1.000 s",
    },
    {
      x: 998.5,
      width: 3,
      row: "step",
      count: 1,
      ok: true,
      label: "step 1 passed, closed, at 1.000 s",
    },
  ]);
});

Deno.test("layoutTimeline - 100,000 messages in 30 minutes bin to a few hundred marks", () => {
  const trace: TraceEntry[] = [
    { at: 0, kind: "call", name: "new WebSocket", detail: "" },
    { at: 10, kind: "state", state: 1, cause: "" },
  ];
  for (let i = 0; i < 100_000; i++) {
    trace.push({ at: 10 + 18 * i, kind: "event", name: "message", detail: "" });
  }
  trace.push({ at: 1_800_000, kind: "state", state: 3, cause: "" });
  // 1200 px for 30 minutes: 1.5 s a pixel, 12 s a bin.
  const { marks, ticks } = layoutTimeline(trace, 0, 1200);
  const messages = marks.filter((m) => m.row === "message");
  assert.equal(messages.length, 150);
  assert.equal(messages.reduce((n, m) => n + m.count, 0), 100_000);
  assert.equal(messages[0].label, "667 messages, 0.010 s–11.998 s");
  assert.equal(messages[1].label, "667 messages, 12.016 s–24.004 s");
  assert.equal(marks.length, 151);
  assert.equal(ticks.length, 7);
});

Deno.test("layoutTimeline - failed steps are binned apart from passed ones", () => {
  const trace: TraceEntry[] = [
    { at: 0, kind: "mark", label: "step 1", detail: "", ok: true },
    { at: 1, kind: "mark", label: "step 2", detail: "expected 3", ok: false },
    { at: 2, kind: "mark", label: "step 3", detail: "", ok: true },
    { at: 3, kind: "mark", label: "note", detail: "" },
  ];
  const { marks } = layoutTimeline(trace, 1000, 1000);
  assert.deepEqual(
    marks.map((m) => [m.ok, m.count, m.label]),
    [
      [true, 2, "2 steps passed, 0.000 s–0.002 s"],
      [false, 1, "step 2 failed, expected 3, at 0.001 s"],
      [undefined, 1, "note, at 0.003 s"],
    ],
  );
});

Deno.test("layoutTimeline - bufferedAmount is a step line of the most per pixel", () => {
  const trace: TraceEntry[] = [
    { at: 0, kind: "call", name: "new WebSocket", detail: "" },
    { at: 100, kind: "buffered", bytes: 500 },
    { at: 100.2, kind: "buffered", bytes: 9000 },
    { at: 100.4, kind: "buffered", bytes: 300 },
    // A pixel shows the most it held at any time in it: 300 B, then 0.
    { at: 300.5, kind: "buffered", bytes: 0 },
    // A new socket starts with nothing buffered.
    { at: 600, kind: "buffered", bytes: 40 },
    { at: 700.5, kind: "call", name: "new WebSocket", detail: "" },
  ];
  const { buffered, peak } = layoutTimeline(trace, 1000, 1000);
  assert.equal(peak, 9000);
  assert.deepEqual(buffered, [
    [100, 9000],
    [101, 9000],
    [101, 300],
    [301, 300],
    [301, 0],
    [600, 0],
    [600, 40],
    [701, 40],
    [701, 0],
    [1000, 0],
  ]);
  assert.deepEqual(
    layoutTimeline(SESSION.slice(0, 4), 6000, 1000).buffered,
    [],
  );
});

Deno.test("layoutTicks - 3 seconds in half seconds, 30 minutes in 5 minutes", () => {
  const labels = (span: number, width: number) =>
    layoutTicks(span, width).map((t) => t.label);
  assert.deepEqual(labels(3000, 1000), [
    "0",
    "0.5 s",
    "1 s",
    "1.5 s",
    "2 s",
    "2.5 s",
    "3 s",
  ]);
  assert.deepEqual(layoutTicks(3000, 1000)[1].x, 1000 / 6);
  assert.deepEqual(labels(1_800_000, 1000), [
    "0",
    "5 min",
    "10 min",
    "15 min",
    "20 min",
    "25 min",
    "30 min",
  ]);
  // A phone's 300 px axis.
  assert.deepEqual(labels(3000, 300), ["0", "1 s", "2 s", "3 s"]);
  assert.deepEqual(labels(1_800_000, 300), ["0", "10 min", "20 min", "30 min"]);
});

Deno.test("layoutTicks - milliseconds, minutes and seconds, hours", () => {
  const labels = (span: number, width: number) =>
    layoutTicks(span, width).map((t) => t.label);
  assert.deepEqual(labels(40, 400), ["0", "10 ms", "20 ms", "30 ms", "40 ms"]);
  assert.deepEqual(labels(1.5, 300), ["0", "0.5 ms", "1 ms", "1.5 ms"]);
  assert.deepEqual(labels(100_000, 500), ["0", "0:30", "1:00", "1:30"]);
  assert.deepEqual(labels(7_200_000, 700), [
    "0",
    "30 min",
    "1 h",
    "1 h 30 min",
    "2 h",
  ]);
  assert.deepEqual(labels(32_400_000, 300), ["0", "3 h", "6 h", "9 h"]);
});

Deno.test("formatAt - seconds, then minutes, then hours, to the millisecond", () => {
  assert.equal(formatAt(0), "0.000 s");
  assert.equal(formatAt(1204), "1.204 s");
  assert.equal(formatAt(59_999.6), "60.000 s");
  assert.equal(formatAt(123_120), "2:03.120");
  assert.equal(formatAt(3_723_120), "1:02:03.120");
});
