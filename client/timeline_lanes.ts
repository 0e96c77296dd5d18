/**
 * The layout of several connections' timelines: one lane per connection, in
 * list order, on one time axis. Traces share `performance.now()`, so a send
 * on one lane and the message it causes on another fall at the same x.
 * Browser-safe and free of Preact.
 *
 * @module
 */

import {
  type Axis,
  axisSpan,
  layoutTicks,
  layoutTrace,
  measureTrace,
  type Tick,
  type TraceExtent,
  type TraceParts,
} from "./timeline.ts";
import { MARK_ROWS, type MarkGroup } from "./timeline_marks.ts";
import type { TraceEntry } from "./trace.ts";

/** What a lane is drawn from: one connection's name, colour and trace. */
export interface LaneSource {
  /** Stable for the connection's life. */
  id: number;
  name: string;
  /** A CSS colour. */
  colour: string;
  trace: readonly TraceEntry[];
}

/** The rows of a lane, top to bottom; steps only where a lane has some. */
export const LANE_ROWS = ["calls", "events", "steps"] as const;

/** A row of a lane. */
export type LaneRow = typeof LANE_ROWS[number];

/** One connection's lane on the shared axis. */
export interface Lane extends TraceParts {
  id: number;
  name: string;
  colour: string;
  /** True before the connection made a socket: the lane says so. */
  empty: boolean;
  /** How many sockets the connection made. */
  sessions: number;
}

/** Everything the lanes chart draws, in pixels from the start of the axis. */
export interface LanesLayout extends Axis {
  /** True when every lane's last socket is CLOSED (or it has none). */
  over: boolean;
  ticks: Tick[];
  /** In the order of the sources. */
  lanes: Lane[];
}

/**
 * Parts laid out before, by trace: a trace is a new array whenever it grew,
 * so a lane whose trace and axis are unchanged is not laid out again.
 */
export type LaneCache = WeakMap<
  readonly TraceEntry[],
  { extent: TraceExtent; key?: string; parts?: TraceParts }
>;

/** The lane row a mark falls in: calls, events, or steps. */
export function laneRowOf(row: typeof MARK_ROWS[number]): LaneRow {
  const i = MARK_ROWS.indexOf(row);
  return i < 3 ? "calls" : i < 7 ? "events" : "steps";
}

// Calls share a bin, events share one, so a lane's bins never overlap and
// eight lanes stay a few hundred elements; steps keep their verdicts apart.
const BY_LANE_ROW: MarkGroup = (entry, row) =>
  LANE_ROWS.indexOf(laneRowOf(row)) * 3 +
  (entry.kind === "mark" && entry.ok !== undefined ? +entry.ok + 1 : 0);

/**
 * Lays out one lane per source on one axis `width` pixels wide. The axis
 * runs from the earliest first entry to `now`, or, once every socket is
 * CLOSED, to the latest entry.
 */
export function layoutLanes(
  sources: readonly LaneSource[],
  now: number,
  width: number,
  cache: LaneCache = new WeakMap(),
): LanesLayout {
  const cached = sources.map(({ trace }) => {
    let hit = cache.get(trace);
    if (!hit) cache.set(trace, hit = { extent: measureTrace(trace) });
    return hit;
  });
  const extents = cached.map((c) => c.extent);
  const firsts = extents.flatMap((e) => e.first ?? []);
  const lasts = extents.flatMap((e) => e.last ?? []);
  const start = firsts.length > 0 ? Math.min(...firsts) : now;
  const over = lasts.length > 0 &&
    extents.every((e) => e.over || e.last === undefined);
  const span = axisSpan(start, Math.max(start, ...lasts), now, over);
  const key = `${start} ${span} ${width}`;
  const lanes = sources.map(({ id, name, colour, trace }, i): Lane => {
    const hit = cached[i];
    const { over, sessions } = hit.extent;
    if (hit.key !== key || !hit.parts) {
      hit.parts = layoutTrace(trace, { start, span }, width, over, BY_LANE_ROW);
      hit.key = key;
    }
    return {
      id,
      name,
      colour,
      empty: trace.length === 0,
      sessions,
      ...hit.parts,
    };
  });
  return { start, span, over, ticks: layoutTicks(span, width), lanes };
}
