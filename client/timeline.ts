/**
 * The layout of the session timeline: where each readyState band, API call,
 * event and script step falls on a time axis `width` pixels wide. Dense
 * stretches are binned so that a 30-minute session with 100,000 messages
 * still draws a few hundred SVG elements. Browser-safe and free of Preact.
 *
 * The trace is read in order: entries are expected in non-decreasing `at`.
 *
 * @module
 */

import { READY_STATE_NAMES } from "./event_log.ts";
import {
  BIN_PX,
  layoutMarks,
  type Mark,
  type MarkGroup,
} from "./timeline_marks.ts";
import type { ReadyState, TraceEntry } from "./trace.ts";

export {
  BIN_PX,
  type Mark,
  MARK_PX,
  MARK_ROWS,
  type MarkRow,
} from "./timeline_marks.ts";

/** The narrowest band drawn, so that a 0.2 ms CLOSING still shows. */
export const MIN_BAND_PX = 2;
/** The width of the CLOSED band that ends a finished session. */
export const END_PX = 8;
/** Up to this many too-short states in a row are drawn each on its own. */
export const MAX_SINGLES = 3;
/** The axis of a live session never spans less, so it does not jitter. */
export const MIN_LIVE_SPAN_MS = 1000;
/** Fewest pixels between two tick labels. */
export const TICK_PX = 90;

/** A labelled point of the time axis. */
export interface Tick {
  x: number;
  label: string;
}

/** A stretch of one readyState, or of several when each was too short. */
export interface Band {
  x: number;
  width: number;
  /** The state, or the one that lasted longest in a group of short ones. */
  state: ReadyState;
  /** How many states the band stands for: 1 unless they were too short. */
  count: number;
  /** What the band shows, in words, e.g. `OPEN from 0.012 s to 2.000 s`. */
  label: string;
}

/** Everything the timeline draws, in pixels from the start of the axis. */
export interface TimelineLayout {
  /** `at` of the first entry: time 0 of the axis. */
  start: number;
  /** Milliseconds the axis spans. */
  span: number;
  /** True when the last socket is CLOSED and no new one was made. */
  over: boolean;
  /** How many sockets the trace made (`new WebSocket` calls), 0 before one. */
  sessions: number;
  ticks: Tick[];
  bands: Band[];
  /** Sorted by x, then by row. */
  marks: Mark[];
  /** bufferedAmount as a step line of `[x, bytes]`, max per pixel. */
  buffered: [number, number][];
  /** The largest bufferedAmount seen. */
  peak: number;
}

/** The time axis a trace is drawn on, in the trace's milliseconds. */
export interface Axis {
  /** Time 0 of the axis. */
  start: number;
  /** Milliseconds the axis spans. */
  span: number;
}

/** What a trace spans, read in one pass. */
export interface TraceExtent {
  /** `at` of the first entry, absent for an empty trace. */
  first?: number;
  /** The latest `at`, absent for an empty trace. */
  last?: number;
  /** True when the last socket is CLOSED and no new one was made. */
  over: boolean;
  /** How many sockets the trace made (`new WebSocket` calls). */
  sessions: number;
}

/** Reads where `trace` starts and ends and whether its last socket is over. */
export function measureTrace(trace: readonly TraceEntry[]): TraceExtent {
  let last: number | undefined;
  let state: ReadyState | undefined;
  let sessions = 0;
  for (const entry of trace) {
    last = Math.max(last ?? entry.at, entry.at);
    if (entry.kind === "state") state = entry.state;
    if (entry.kind === "call" && entry.name === "new WebSocket") {
      sessions++;
      state = 0;
    }
  }
  return { first: trace[0]?.at, last, over: state === 3, sessions };
}

/** The axis of a live trace never shrinks below `MIN_LIVE_SPAN_MS`. */
export function axisSpan(
  start: number,
  last: number,
  now: number,
  over: boolean,
): number {
  return over
    ? Math.max(last - start, 1)
    : Math.max(Math.max(now, last) - start, MIN_LIVE_SPAN_MS);
}

/**
 * Lays out `trace` on an axis `width` pixels wide. The axis runs from the
 * first entry to `now`, or, once the last socket is CLOSED and no new one
 * was made, to the last entry; the CLOSED band is then drawn `END_PX` wide
 * past the end of the axis.
 */
export function layoutTimeline(
  trace: readonly TraceEntry[],
  now: number,
  width: number,
): TimelineLayout {
  const { first, last, over, sessions } = measureTrace(trace);
  const start = first ?? now;
  const span = axisSpan(start, last ?? start, now, over);
  return {
    start,
    span,
    over,
    sessions,
    ticks: layoutTicks(span, width),
    ...layoutTrace(trace, { start, span }, width, over),
  };
}

/** The bands, marks and bufferedAmount line of one trace. */
export type TraceParts = Pick<
  TimelineLayout,
  "bands" | "marks" | "buffered" | "peak"
>;

/**
 * Lays out `trace` on `axis`, `width` pixels wide; `over` when its last
 * socket is CLOSED, whose band then gets `END_PX` of room. `group` says
 * which marks may share a bin (one row each by default).
 */
export function layoutTrace(
  trace: readonly TraceEntry[],
  axis: Axis,
  width: number,
  over: boolean,
  group?: MarkGroup,
): TraceParts {
  const { start, span } = axis;
  const sx = (at: number) => ((at - start) / span) * width;
  const t = (at: number) => formatAt(at - start);
  const bands = layoutBands(trace, start + span, sx, t);
  // The CLOSED a finished session ended in lasts no time: give it room.
  const final = bands.at(-1);
  if (over && final?.count === 1) final.width = Math.max(final.width, END_PX);
  const marks = layoutMarks(trace, sx, t, group);
  return { bands, marks, ...layoutBuffered(trace, sx, width) };
}

interface Stretch {
  state: ReadyState;
  from: number;
  to: number;
  cause: string;
}

function layoutBands(
  trace: readonly TraceEntry[],
  end: number,
  sx: (at: number) => number,
  t: (at: number) => string,
): Band[] {
  const stretches: Stretch[] = [];
  const enter = (state: ReadyState, at: number, cause: string) => {
    const current = stretches.at(-1);
    if (current?.state === state) return;
    if (current) current.to = at;
    stretches.push({ state, from: at, to: end, cause });
  };
  for (const entry of trace) {
    if (entry.kind === "state") enter(entry.state, entry.at, entry.cause);
    // A new socket starts CONNECTING whether or not a state entry says so.
    if (entry.kind === "call" && entry.name === "new WebSocket") {
      enter(0, entry.at, "new WebSocket");
    }
  }
  const bands: Band[] = [];
  const one = (s: Stretch, x: number, width: number): Band => ({
    x,
    width,
    state: s.state,
    count: 1,
    label: `${READY_STATE_NAMES[s.state]} from ${t(s.from)} to ${t(s.to)}${
      s.cause ? `, ${s.cause}` : ""
    }`,
  });
  // A stretch too short to see is drawn MIN_BAND_PX wide and pushes the next
  // one right, so none hides another. More than MAX_SINGLES of them within
  // BIN_PX become one band, which keeps a storm of reconnects legible.
  let cursor = -Infinity;
  for (let i = 0; i < stretches.length;) {
    const a = sx(stretches[i].from);
    let j = i;
    while (
      j < stretches.length &&
      sx(stretches[j].to) - sx(stretches[j].from) < MIN_BAND_PX &&
      sx(stretches[j].to) - a <= BIN_PX
    ) j++;
    if (j - i > MAX_SINGLES) {
      const x = Math.max(a, cursor);
      const width = Math.max(sx(stretches[j - 1].to) - x, MIN_BAND_PX);
      bands.push(mixed(stretches.slice(i, j), x, width, t));
      cursor = x + width;
      i = j;
      continue;
    }
    for (const s of stretches.slice(i, Math.max(j, i + 1))) {
      const x = Math.max(sx(s.from), cursor);
      const width = Math.max(sx(s.to) - x, MIN_BAND_PX);
      bands.push(one(s, x, width));
      cursor = x + width;
    }
    i = Math.max(j, i + 1);
  }
  return bands;
}

function mixed(
  group: Stretch[],
  x: number,
  width: number,
  t: (at: number) => string,
): Band {
  const time = [0, 0, 0, 0];
  for (const s of group) time[s.state] += s.to - s.from;
  const state = time.indexOf(Math.max(...time)) as ReadyState;
  return {
    x,
    width,
    state,
    count: group.length,
    label: `${group.length} states from ${t(group[0].from)} to ${
      t(group.at(-1)!.to)
    }, mostly ${READY_STATE_NAMES[state]}`,
  };
}

/**
 * bufferedAmount as a step line: each pixel column at the most it held,
 * each value held until the next sample, back to 0 for a new socket.
 */
function layoutBuffered(
  trace: readonly TraceEntry[],
  sx: (at: number) => number,
  width: number,
) {
  const last = Math.max(Math.ceil(width) - 1, 0);
  // Horizontal runs [from column, to column, bytes], equal neighbours merged.
  const runs: [number, number, number][] = [];
  const run = (from: number, to: number, bytes: number) => {
    const prev = runs.at(-1);
    if (prev && prev[2] === bytes) prev[1] = to;
    else if (from < to) runs.push([from, to, bytes]);
  };
  let column = -1;
  let most = 0;
  let held = 0;
  let peak = 0;
  const sample = (at: number, bytes: number) => {
    const c = Math.min(Math.max(Math.floor(sx(at)), 0), last);
    if (c !== column) {
      if (column >= 0) {
        run(column, column + 1, most);
        run(column + 1, c, held);
      }
      column = c;
      most = held;
    }
    held = bytes;
    most = Math.max(most, bytes);
    peak = Math.max(peak, bytes);
  };
  for (const entry of trace) {
    if (entry.kind === "buffered") sample(entry.at, entry.bytes);
    // A new socket has nothing buffered yet.
    if (
      entry.kind === "call" && entry.name === "new WebSocket" && column >= 0
    ) sample(entry.at, 0);
  }
  if (column >= 0) {
    run(column, column + 1, most);
    run(column + 1, last + 1, held);
  }
  const buffered = runs.flatMap(([from, to, bytes]) => [
    [from, bytes] as [number, number],
    [to, bytes] as [number, number],
  ]);
  return { buffered, peak };
}

const STEPS = [
  0.1,
  0.2,
  0.5,
  1,
  2,
  5,
  10,
  20,
  50,
  100,
  200,
  500,
  1e3,
  2e3,
  5e3,
  1e4,
  15e3,
  3e4,
  6e4,
  12e4,
  3e5,
  6e5,
  9e5,
  18e5,
  36e5,
  72e5,
  108e5,
  216e5,
  432e5,
  864e5,
];

/**
 * Ticks at a round step, the smallest that leaves `TICK_PX` between labels:
 * `0`, `0.5 s`, `1 s` for seconds; `0`, `1:30`, `3:00` for minutes; `0`,
 * `5 min`, `10 min` for half an hour; `0`, `30 min`, `1 h`, `1 h 30 min`.
 */
export function layoutTicks(span: number, width: number): Tick[] {
  const most = Math.max(1, Math.floor(width / TICK_PX));
  const step = STEPS.find((s) => span / s <= most) ?? span / most;
  const ticks: Tick[] = [];
  for (let i = 0; i * step <= span; i++) {
    const ms = i * step;
    ticks.push({
      x: (ms / span) * width,
      label: i === 0 ? "0" : tickLabel(ms, step, span),
    });
  }
  return ticks;
}

function tickLabel(ms: number, step: number, span: number): string {
  if (step < 1 || (step < 1000 && span < 1000)) {
    return `${+ms.toFixed(1)} ms`;
  }
  if (step < 1000) return `${+(ms / 1000).toFixed(3)} s`;
  if (span < 60_000) return `${ms / 1000} s`;
  if (step < 60_000) return clock(ms).slice(0, -4);
  const hours = Math.floor(ms / 3_600_000);
  const minutes = (ms % 3_600_000) / 60_000;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/**
 * Milliseconds since the start of the trace, to the millisecond: `1.204 s`
 * under a minute, then `2:03.120` and `1:02:03.120`.
 */
export function formatAt(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(3)} s` : clock(ms);
}

function clock(ms: number): string {
  const whole = Math.round(ms);
  const h = Math.floor(whole / 3_600_000);
  const m = Math.floor(whole / 60_000) % 60;
  const s = ((whole % 60_000) / 1000).toFixed(3).padStart(6, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
