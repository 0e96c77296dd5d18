import { Component } from "preact";
import { useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { formatBytes } from "../core/format.ts";
import type { ConnectionItem } from "../client/connection_list.ts";
import { formatAt } from "../client/timeline.ts";
import {
  type Lane,
  type LaneCache,
  layoutLanes,
} from "../client/timeline_lanes.ts";
import { LaneGuides, LaneLabels } from "./LaneLabels.tsx";
import { LANE_GEOMETRY as G, laneItems, laneTop, round } from "./lane_items.ts";
import {
  ChartDetail,
  Cursor,
  ItemRect,
  MarkLegend,
  StateLegend,
  useChartFocus,
} from "./timeline_parts.tsx";
import { useLaneTraces } from "./use_lane_traces.ts";

/** A lane's bufferedAmount as an area rising from the band's foot. */
function bufferedArea(lane: Lane, foot: number): string {
  const { buffered, peak } = lane;
  const y = (bytes: number) => round(foot - (bytes / peak) * (G.BAND - 4));
  return [
    [buffered[0][0], 0],
    ...buffered,
    [buffered.at(-1)![0], 0],
  ].map(([x, bytes]) => `${x},${y(bytes)}`).join(" ");
}

/**
 * Several connections' timelines, one lane each on one time axis: a lane's
 * calls above its readyState band, its events below, so one connection's
 * send and another's message line up. The keyboard model is the single
 * chart's: one Tab stop, arrow keys through every band and mark in time
 * order across the lanes, details on hover or focus.
 */
function Lanes({ items }: { items: readonly ConnectionItem[] }) {
  const figure = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const cache = useMemo<LaneCache>(() => new WeakMap(), []);
  const [total, setTotal] = useState(640);
  useLayoutEffect(() => {
    const observer = new ResizeObserver(([entry]) =>
      setTotal(Math.round(entry.contentRect.width) || 640)
    );
    observer.observe(figure.current!);
    return () => observer.disconnect();
  }, []);
  const { sources, now } = useLaneTraces(items);
  const plot = Math.max(total - G.GUTTER - G.PAD, 40);
  const layout = useMemo(() => layoutLanes(sources, now, plot, cache), [
    sources,
    now,
    plot,
  ]);
  // Once per layout, not per pointer move. Sorting is stable: items at
  // one x keep lane order, bands before marks.
  const [tops, all] = useMemo(() => {
    const tops = laneTop(layout.lanes);
    return [
      tops,
      layout.lanes.flatMap((lane, k) =>
        laneItems(lane, tops[k], plot).map((item) => ({ ...item, lane: k }))
      ).sort((a, b) => a.x - b.x),
    ] as const;
  }, [layout]);
  const layers = { lanes: layout.lanes, tops, ticks: layout.ticks, plot };
  const bottom = tops.at(-1)!;
  const height = bottom + G.AXIS;
  const { at, shown, figure: focus, pointer } = useChartFocus(all, svg, {
    total,
    height,
    gutter: G.GUTTER,
  });
  const peak = Math.max(0, ...layout.lanes.map((l) => l.peak));
  const mixed = layout.lanes.some((l) => l.bands.some((b) => b.count > 1));
  const steps = layout.lanes.some((l) => l.marks.some((m) => m.row === "step"));
  return (
    <figure class="timeline lanes" ref={figure} {...focus}>
      <figcaption>
        Timeline{" "}
        <span class="hint">
          {items.length} connections
          {/* Before the first socket there is nothing to time. */}
          {layout.lanes.some((l) => !l.empty) &&
            `, ${formatAt(layout.span)}${layout.over ? ", closed" : " so far"}`}
        </span>
      </figcaption>
      <svg
        ref={svg}
        viewBox={`${-G.GUTTER} 0 ${total} ${height}`}
        aria-label={`Timeline of ${items.length} connections: arrow keys move between marks`}
        {...pointer}
      >
        <LaneGuides {...layers} />
        {layout.lanes.map((lane, k) => (
          <g key={lane.id} class="lane" data-name={lane.name}>
            {all.map((item, i) =>
              item.lane === k && (
                <ItemRect key={i} item={item} i={i} at={at} shown={shown} />
              )
            )}
            {lane.peak > 0 && (
              // An area, not a line: at 0 it vanishes instead of reading
              // as the band's border.
              <polygon
                class="buffered-area"
                aria-hidden="true"
                points={bufferedArea(lane, tops[k] + G.ROW + 1 + G.BAND)}
              />
            )}
          </g>
        ))}
        <LaneLabels {...layers} />
        {shown !== null && <Cursor item={all[shown]} bottom={bottom} />}
      </svg>
      <ChartDetail item={shown === null ? null : all[shown]} />
      <ul class="timeline-legend">
        <StateLegend />
        <li>
          <span class="swatch call" />calls above each band
        </li>
        <li>
          <span class="swatch event" />events below
        </li>
        <MarkLegend mixed={mixed} steps={steps} />
        {peak > 0 && (
          <li>
            <span class="swatch area" />bufferedAmount in the band, peak{" "}
            {formatBytes(peak)}
          </li>
        )}
      </ul>
    </figure>
  );
}

/** Props of {@linkcode TimelineLanes}. */
export interface TimelineLanesProps {
  /** Every connection, in list order; a new array after each change. */
  items: readonly ConnectionItem[];
}

/**
 * The timeline of several connections. Redrawn only when the list changes
 * or a trace does (see use_lane_traces.ts), not with the page's 10 Hz
 * clock that re-renders the slot around it.
 */
export class TimelineLanes extends Component<TimelineLanesProps> {
  override shouldComponentUpdate(next: TimelineLanesProps): boolean {
    return next.items !== this.props.items;
  }

  override render() {
    return <Lanes items={this.props.items} />;
  }
}
