/**
 * The marks of the session timeline: each API call, event and script step
 * at its x, with marks of one group closer than `BIN_PX` drawn as one bin.
 * The single-connection chart groups by row; a lane of the several
 * connections' chart groups calls, events and steps, so its bins never
 * overlap. Browser-safe and free of Preact.
 *
 * @module
 */

import type { TraceEntry } from "./trace.ts";

/** Marks of one row closer than this are drawn as one bin. */
export const BIN_PX = 8;
/** The width of a single mark; a bin is this much wider than its spread. */
export const MARK_PX = 3;

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

/** One call, event or step, or a bin of those of one row. */
export interface Mark {
  x: number;
  width: number;
  /** The row, or for a bin of several rows the one that matters most. */
  row: MarkRow;
  count: number;
  /** For steps: passed (true), failed (false) or neither (absent). */
  ok?: boolean;
  /** What the mark shows, in words, e.g. `send, 12 bytes, at 1.204 s`. */
  label: string;
}

/** A call, event or step: what a mark is drawn for. */
export type MarkedEntry = Extract<
  TraceEntry,
  { kind: "call" | "event" | "mark" }
>;

/**
 * Which bin group an entry falls in; entries of one group closer than
 * `BIN_PX` share a bin.
 */
export type MarkGroup = (entry: MarkedEntry, row: MarkRow) => number;

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

const SINGULAR: Record<MarkRow, string> = {
  "new WebSocket": "new WebSocket call",
  send: "send",
  "close()": "close() call",
  open: "open event",
  message: "message",
  error: "error",
  close: "close event",
  step: "step",
};

/** Which row a mixed bin is drawn as: a failure shows before traffic. */
const NOTABLE: readonly MarkRow[] = [
  "error",
  "close",
  "close()",
  "new WebSocket",
  "open",
  "step",
  "send",
  "message",
];

/** One group per row, and per verdict for steps: a failure stays apart. */
export const BY_ROW: MarkGroup = (entry, row) =>
  MARK_ROWS.indexOf(row) * 3 +
  (entry.kind === "mark" && entry.ok !== undefined ? +entry.ok + 1 : 0);

interface Bin {
  first: MarkedEntry;
  counts: Map<MarkRow, number>;
  x0: number;
  x1: number;
  to: number;
  count: number;
}

/** The row an entry's mark is drawn in. */
export function rowOf(entry: MarkedEntry): MarkRow {
  if (entry.kind === "mark") return "step";
  return entry.kind === "call" && entry.name === "close"
    ? "close()"
    : entry.name;
}

function describe(entry: MarkedEntry, row: MarkRow): string {
  const name = entry.kind === "mark" ? entry.label + verdict(entry.ok) : row;
  return entry.detail ? `${name}, ${entry.detail}` : name;
}

function verdict(ok: boolean | undefined): string {
  return ok === undefined ? "" : ok ? " passed" : " failed";
}

/**
 * Lays out the marks of `trace`, `sx` turning a time into x and `t` into
 * words; sorted by x, then by row.
 */
export function layoutMarks(
  trace: readonly TraceEntry[],
  sx: (at: number) => number,
  t: (at: number) => string,
  group: MarkGroup = BY_ROW,
): Mark[] {
  const marks: Mark[] = [];
  const open = new Map<number, Bin>();
  const close = ({ first, counts, x0, x1, to, count }: Bin) => {
    const ok = first.kind === "mark" ? first.ok : undefined;
    const rows = [...counts.keys()];
    const row = rows.length === 1
      ? rows[0]
      : NOTABLE.find((r) => counts.has(r))!;
    marks.push({
      x: x0 - MARK_PX / 2,
      width: x1 - x0 + MARK_PX,
      row,
      count,
      ...(ok === undefined ? {} : { ok }),
      label: count === 1
        ? `${describe(first, row)}, at ${t(first.at)}`
        : rows.length === 1
        ? `${count} ${PLURAL[row]}${verdict(ok)}, ${t(first.at)}–${t(to)}`
        : `${
          MARK_ROWS.filter((r) => counts.has(r)).map((r) => {
            const n = counts.get(r)!;
            return `${n} ${n === 1 ? SINGULAR[r] : PLURAL[r]}`;
          }).join(", ")
        }, ${t(first.at)}–${t(to)}`,
    });
  };
  for (const entry of trace) {
    if (entry.kind === "state" || entry.kind === "buffered") continue;
    const row = rowOf(entry);
    const key = group(entry, row);
    const x = sx(entry.at);
    const bin = open.get(key);
    if (bin && x - bin.x0 < BIN_PX) {
      bin.x1 = x;
      bin.to = entry.at;
      bin.count++;
      bin.counts.set(row, (bin.counts.get(row) ?? 0) + 1);
      continue;
    }
    if (bin) close(bin);
    open.set(key, {
      first: entry,
      counts: new Map([[row, 1]]),
      x0: x,
      x1: x,
      to: entry.at,
      count: 1,
    });
  }
  // Left open in group order, as they would be drawn on a tie of x and row.
  for (const [, bin] of [...open].sort((a, b) => a[0] - b[0])) close(bin);
  const order = (m: Mark) => MARK_ROWS.indexOf(m.row);
  marks.sort((a, b) => a.x - b.x || order(a) - order(b));
  return marks;
}
