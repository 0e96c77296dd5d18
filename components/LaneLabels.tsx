import { READY_STATE_NAMES } from "../client/event_log.ts";
import type { Tick } from "../client/timeline.ts";
import type { Lane } from "../client/timeline_lanes.ts";
import { LANE_GEOMETRY as G } from "./lane_items.ts";
import { tickAnchor } from "./timeline_parts.tsx";

/** Props of {@linkcode LaneGuides} and {@linkcode LaneLabels}. */
export interface LaneLayerProps {
  lanes: readonly Lane[];
  /** From `laneTop` (lane_items.ts). */
  tops: readonly number[];
  ticks: readonly Tick[];
  /** Width of the axis. */
  plot: number;
}

/** The middle of lane `k`'s band. */
function bandMiddle(tops: readonly number[], k: number): number {
  return tops[k] + G.ROW + 1 + G.BAND / 2;
}

/**
 * What the lanes chart draws under its bands and marks: the ticks and the
 * rows' guide lines. Hidden from assistive technology, as the single
 * chart's are.
 */
export function LaneGuides({ lanes, tops, ticks, plot }: LaneLayerProps) {
  const bottom = tops.at(-1)!;
  return (
    <g aria-hidden="true">
      {ticks.map((t) => (
        <g key={t.x} class="tick">
          <line x1={t.x} x2={t.x} y1={0} y2={bottom} />
          <text
            x={t.x}
            y={bottom + G.AXIS - 3}
            text-anchor={tickAnchor(t.x, plot)}
          >
            {t.label}
          </text>
        </g>
      ))}
      <g class="row-line">
        {lanes.flatMap((lane, k) => {
          const calls = tops[k] + G.ROW / 2 + 1;
          const events = calls + G.ROW + G.BAND + 2;
          return [calls, events].map((y) => (
            <line key={`${lane.id} ${y}`} x1={0} x2={plot} y1={y} y2={y} />
          ));
        })}
      </g>
    </g>
  );
}

/**
 * What the lanes chart draws over its bands: each lane's colour and name,
 * state names in wide bands and "no socket" in an empty lane. Hidden from
 * assistive technology: each band and mark says its lane's name itself.
 */
export function LaneLabels({ lanes, tops }: LaneLayerProps) {
  return (
    <g aria-hidden="true">
      {lanes.map((lane, k) => {
        const y = bandMiddle(tops, k) + 4;
        return (
          <g key={lane.id}>
            <rect
              class="lane-swatch"
              x={-G.GUTTER}
              y={y - 9}
              width={10}
              height={10}
              fill={lane.colour}
            />
            {
              /* HTML, not <text>: only CSS cuts a name to the gutter's
                width with an ellipsis, however wide its letters. */
            }
            <foreignObject
              x={-G.GUTTER + 14}
              y={y - 11}
              width={G.GUTTER - 18}
              height={14}
            >
              <div class="lane-name" title={lane.name}>{lane.name}</div>
            </foreignObject>
            {lane.empty && (
              <text class="band-label" x={6} y={y}>no socket</text>
            )}
            {lane.bands.map((b) =>
              b.width > 80 && (
                <text key={b.x} class="band-label" x={b.x + 4} y={y}>
                  {READY_STATE_NAMES[b.state]}
                </text>
              )
            )}
          </g>
        );
      })}
    </g>
  );
}
