/**
 * Where the lanes chart puts things: the sizes of a lane's rows and band,
 * where each lane starts, and each band and mark as a rectangle with its
 * words. Free of Preact.
 *
 * @module
 */

import { type Lane, laneRowOf } from "../client/timeline_lanes.ts";

/** Sizes of the lanes chart, in CSS pixels. */
export const LANE_GEOMETRY = {
  /** Lane names, left of the axis. */
  GUTTER: 64,
  /** Room right of the axis for the last marks and the last tick label. */
  PAD: 14,
  /** A row of marks. */
  ROW: 11,
  /** The readyState band. */
  BAND: 16,
  /** Between lanes. */
  GAP: 9,
  /** The tick labels. */
  AXIS: 16,
} as const;

const G = LANE_GEOMETRY;

/**
 * Where each lane starts, top to bottom, then where the last one ends: a
 * row of calls, the band, a row of events, and a row of steps where the
 * lane has any.
 */
export function laneTop(lanes: readonly Lane[]): number[] {
  const tops = [0];
  for (const lane of lanes) {
    const steps = lane.marks.some((m) => m.row === "step") ? G.ROW : 0;
    tops.push(tops.at(-1)! + 2 * G.ROW + G.BAND + 2 + steps + G.GAP);
  }
  tops[tops.length - 1] -= G.GAP;
  return tops;
}

/** A band or mark of either timeline chart: one Tab stop. */
export interface ChartItem {
  x: number;
  width: number;
  y: number;
  height: number;
  label: string;
  class: string;
}

/** Tenths of a pixel are all a screen shows; fewer digits, smaller DOM. */
export function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * A lane's bands, marks, or its "no socket" stand-in, as chart items, the
 * lane starting `y` pixels down; each label starts with the lane's name.
 */
export function laneItems(
  lane: Lane,
  y: number,
  plot: number,
): ChartItem[] {
  const says = (label: string) => `${lane.name}: ${label}`;
  const bandY = y + G.ROW + 1;
  if (lane.empty) {
    return [{
      x: 0,
      width: plot,
      y: bandY,
      height: G.BAND,
      label: says("no socket yet"),
      class: "band none",
    }];
  }
  const rowY = { calls: y, events: bandY + G.BAND + 1, steps: 0 };
  rowY.steps = rowY.events + G.ROW;
  return [
    ...lane.bands.map((b) => ({
      x: b.x,
      width: b.width,
      y: bandY,
      height: G.BAND,
      label: says(b.label),
      class: `band s${b.state}${b.count > 1 ? " mixed" : ""}`,
    })),
    ...lane.marks.map((m) => ({
      x: m.x,
      width: m.width,
      y: rowY[laneRowOf(m.row)] + 2,
      height: G.ROW - 3,
      label: says(m.label),
      class: `mark ${m.row.replace(/\W+/g, "-")}${
        m.ok === undefined ? "" : m.ok ? " passed" : " failed"
      }`,
    })),
  ];
}
