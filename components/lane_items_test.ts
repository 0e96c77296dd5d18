import assert from "node:assert/strict";
import { layoutLanes } from "../client/timeline_lanes.ts";
import type { TraceEntry } from "../client/trace.ts";
import { LANE_GEOMETRY as G, laneItems, laneTop } from "./lane_items.ts";

const TRACE: TraceEntry[] = [
  { at: 0, kind: "call", name: "new WebSocket", detail: "ws://h/" },
  { at: 0, kind: "state", state: 0, cause: "new WebSocket" },
  { at: 100, kind: "state", state: 1, cause: "open event" },
  { at: 100, kind: "event", name: "open", detail: "" },
  { at: 600, kind: "mark", label: "step 1", detail: "sent", ok: true },
];

function lanes() {
  return layoutLanes(
    [
      { id: 1, name: "alice", colour: "#1d4ed8", trace: TRACE },
      { id: 2, name: "bob", colour: "#c2410c", trace: [] },
    ],
    1000,
    1000,
  ).lanes;
}

Deno.test("laneTop - each lane is two rows and a band, a row more with steps, a gap between", () => {
  const lane = 2 * G.ROW + G.BAND + 2;
  assert.deepEqual(laneTop(lanes()), [
    0,
    lane + G.ROW + G.GAP,
    lane + G.ROW + G.GAP + lane,
  ]);
});

Deno.test("laneItems - calls above the band, events below, steps under them, each labelled with the lane", () => {
  const items = laneItems(lanes()[0], 50, 1000);
  assert.deepEqual(
    items.map(({ y, class: c, label }) => [y, c, label]),
    [
      [
        50 + G.ROW + 1,
        "band s0",
        "alice: CONNECTING from 0.000 s to 0.100 s, new WebSocket",
      ],
      [
        50 + G.ROW + 1,
        "band s1",
        "alice: OPEN from 0.100 s to 1.000 s, open event",
      ],
      [52, "mark new-WebSocket", "alice: new WebSocket, ws://h/, at 0.000 s"],
      [50 + G.ROW + G.BAND + 4, "mark open", "alice: open, at 0.100 s"],
      [
        50 + 2 * G.ROW + G.BAND + 4,
        "mark step passed",
        "alice: step 1 passed, sent, at 0.600 s",
      ],
    ],
  );
});

Deno.test("laneItems - a lane without a socket is one Tab stop saying so, the axis wide", () => {
  assert.deepEqual(laneItems(lanes()[1], 0, 700), [{
    x: 0,
    width: 700,
    y: G.ROW + 1,
    height: G.BAND,
    label: "bob: no socket yet",
    class: "band none",
  }]);
});
