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
import type { ReadyState, TraceEntry } from "./trace.ts";

/** The narrowest band drawn, so that a 0.2 ms CLOSING still shows. */
export const MIN_BAND_PX = 2;
/** Marks of one row closer than this are drawn as one bin. */
export const BIN_PX = 8;
/** The width of the CLOSED band that ends a finished session. */
export const END_PX = 8;
/** Up to this many too-short states in a row are drawn each on its own. */
export const MAX_SINGLES = 3;
/** The width of a single mark; a bin is this much wider than its spread. */
export const MARK_PX = 3;
/** The axis of a live session never spans less, so it does not jitter. */
export const MIN_LIVE_SPAN_MS = 1000;
/** Fewest pixels between two tick labels. */
export const TICK_PX = 90;

/** The rows marks fall in, top to bottom: calls, then events, then steps. */
export const MARK_ROWS = [
  "new WebSocket",
  "send",
  "close()",
  "open",
  "message",
  "error",
  "close",
  "step",
] as const;

/** A row of marks: an API call (`close()`), an event (`close`) or a step. */
export type MarkRow = typeof MARK_ROWS[number];

const PLURAL: Record<MarkRow, string> = {
  "new WebSocket": "new WebSocket calls",
  send: "sends",
  "close()": "close() calls",
  open: "open events",
  message: "messages",
  error: "errors",
  close: "close events",
  step: "steps",
};

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

/** One call, event or step, or a bin of those of one row. */
export interface Mark {
  x: number;
  width: number;
  row: MarkRow;
  count: number;
  /** For steps: passed (true), failed (false) or neither (absent). */
  ok?: boolean;
  /** What the mark shows, in words, e.g. `send, 12 bytes, at 1.204 s`. */
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
  const start = trace.length > 0 ? trace[0].at : now;
  let last = start;
  let state: ReadyState | undefined;
  let sessions = 0;
  for (const entry of trace) {
    last = Math.max(last, entry.at);
    if (entry.kind === "state") state = entry.state;
    if (entry.kind === "call" && entry.name === "new WebSocket") {
      sessions++;
      state = 0;
    }
  }
  const over = state === 3;
  const span = over
    ? Math.max(last - start, 1)
    : Math.max(Math.max(now, last) - start, MIN_LIVE_SPAN_MS);
  const end = start + span;
  const sx = (at: number) => ((at - start) / span) * width;
  const bands = layoutBands(trace, end, sx);
  // The CLOSED a finished session ended in lasts no time: give it room.
  const final = bands.at(-1);
  if (over && final?.count === 1) final.width = Math.max(final.width, END_PX);
  const marks = layoutMarks(trace, start, sx);
  const { buffered, peak } = layoutBuffered(trace, sx, width);
  return {
    start,
    span,
    over,
    sessions,
    ticks: layoutTicks(span, width),
    bands,
    marks,
    buffered,
    peak,
  };
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
): Band[] {
  const start = trace[0]?.at ?? end;
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
  const t = (at: number) => formatAt(at - start);
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

type Marked = Extract<TraceEntry, { kind: "call" | "event" | "mark" }>;

interface Bin {
  row: MarkRow;
  first: Marked;
  x0: number;
  x1: number;
  to: number;
  count: number;
}

function rowOf(entry: Marked): MarkRow {
  if (entry.kind === "mark") return "step";
  return entry.kind === "call" && entry.name === "close"
    ? "close()"
    : entry.name;
}

function describe(entry: Marked, row: MarkRow): string {
  const name = entry.kind === "mark" ? entry.label + verdict(entry.ok) : row;
  return entry.detail ? `${name}, ${entry.detail}` : name;
}

function verdict(ok: boolean | undefined): string {
  return ok === undefined ? "" : ok ? " passed" : " failed";
}

function layoutMarks(
  trace: readonly TraceEntry[],
  start: number,
  sx: (at: number) => number,
) {
  const marks: Mark[] = [];
  // One open bin per row, and per verdict for steps: a failure stays apart.
  const open: (Bin | undefined)[] = [];
  const t = (at: number) => formatAt(at - start);
  const close = ({ row, first, x0, x1, to, count }: Bin) => {
    const ok = first.kind === "mark" ? first.ok : undefined;
    marks.push({
      x: x0 - MARK_PX / 2,
      width: x1 - x0 + MARK_PX,
      row,
      count,
      ...(ok === undefined ? {} : { ok }),
      label: count === 1
        ? `${describe(first, row)}, at ${t(first.at)}`
        : `${count} ${PLURAL[row]}${verdict(ok)}, ${t(first.at)}–${t(to)}`,
    });
  };
  for (const entry of trace) {
    if (entry.kind === "state" || entry.kind === "buffered") continue;
    const row = rowOf(entry);
    const key = MARK_ROWS.indexOf(row) * 3 +
      (entry.kind === "mark" && entry.ok !== undefined ? +entry.ok + 1 : 0);
    const x = sx(entry.at);
    const bin = open[key];
    if (bin && x - bin.x0 < BIN_PX) {
      bin.x1 = x;
      bin.to = entry.at;
      bin.count++;
      continue;
    }
    if (bin) close(bin);
    open[key] = { row, first: entry, x0: x, x1: x, to: entry.at, count: 1 };
  }
  for (const bin of open) if (bin) close(bin);
  const order = (m: Mark) => MARK_ROWS.indexOf(m.row);
  marks.sort((a, b) => a.x - b.x || order(a) - order(b));
  return marks;
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
