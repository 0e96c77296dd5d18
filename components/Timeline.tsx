import { useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { formatBytes } from "../core/format.ts";
import { READY_STATE_NAMES } from "../client/event_log.ts";
import {
  formatAt,
  layoutTimeline,
  MARK_ROWS,
  type MarkRow,
} from "../client/timeline.ts";
import type { TraceEntry } from "../client/trace.ts";
import { type ChartItem, round } from "./lane_items.ts";
import {
  ChartDetail,
  Cursor,
  ItemRect,
  MarkLegend,
  StateLegend,
  tickAnchor,
  useChartFocus,
} from "./timeline_parts.tsx";

/** Props of {@linkcode Timeline}. */
export interface TimelineProps {
  /** The session so far, in order of `at`. */
  trace: readonly TraceEntry[];
  /** The current time on the clock of `at`, in milliseconds. */
  now: number;
  /** Width in CSS pixels; measured from the container when absent. */
  width?: number;
}

/** Row labels, left of the axis. */
const GUTTER = 64;
/** Room right of the axis for the last marks and the last tick label. */
const PAD = 14;
const ROW = 13;
const BAND = 20;
const LINE = 22;
const AXIS = 16;
const ROW_LABELS: Record<MarkRow, string> = {
  "new WebSocket": "new WS",
  send: "send",
  "close()": "close()",
  open: "open",
  message: "message",
  error: "error",
  close: "close",
  step: "steps",
};

/**
 * The session as a timeline: readyState bands over time, the page's calls
 * above them, the socket's events below, bufferedAmount as a line. Each band
 * and mark is one Tab stop with arrow keys between them; hovering or
 * focusing one shows its details below the chart. Drawn with attributes and
 * classes only: the page's CSP forbids inline styles.
 */
export function Timeline({ trace, now, width }: TimelineProps) {
  const figure = useRef<HTMLElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [measured, setMeasured] = useState(0);
  useLayoutEffect(() => {
    if (width !== undefined || !figure.current) return;
    const observer = new ResizeObserver(([entry]) =>
      setMeasured(Math.round(entry.contentRect.width))
    );
    observer.observe(figure.current);
    return () => observer.disconnect();
  }, [width]);
  const total = width ?? (measured || 640);
  const plot = Math.max(total - GUTTER - PAD, 40);
  const layout = useMemo(() => layoutTimeline(trace, now, plot), [
    trace,
    now,
    plot,
  ]);
  const rows = MARK_ROWS.filter((row) =>
    row !== "step" || layout.marks.some((m) => m.row === "step")
  );
  const top = (row: MarkRow) => {
    const i = rows.indexOf(row);
    return i < 3 ? i * ROW : 3 * ROW + BAND + 4 + (i - 3) * ROW;
  };
  const bandY = 3 * ROW + 2;
  const lineY = 3 * ROW + BAND + 4 + (rows.length - 3) * ROW + 4;
  const height = lineY + LINE + AXIS;
  const items: ChartItem[] = [
    ...layout.bands.map((b) => ({
      x: b.x,
      width: b.width,
      y: bandY,
      height: BAND,
      label: b.label,
      class: `band s${b.state}${b.count > 1 ? " mixed" : ""}`,
    })),
    ...layout.marks.map((m) => ({
      x: m.x,
      width: m.width,
      y: top(m.row) + 2,
      height: ROW - 3,
      label: m.label,
      class: `mark ${m.row.replace(/\W+/g, "-")}${
        m.ok === undefined ? "" : m.ok ? " passed" : " failed"
      }`,
    })),
  ].sort((a, b) => a.x - b.x);
  const { at, shown, figure: focus, pointer } = useChartFocus(items, svg, {
    total,
    height,
    gutter: GUTTER,
  });
  const { peak, span, over, sessions, ticks } = layout;
  const buffered = layout.buffered.map(([x, bytes]) =>
    `${x},${round(lineY + LINE - 2 - (bytes / (peak || 1)) * (LINE - 4))}`
  ).join(" ");
  return (
    <figure class="timeline" ref={figure} {...focus}>
      <figcaption>
        Timeline
        {/* Before the first socket there is nothing to count or time. */}
        {sessions > 0 && (
          <>
            {" "}
            <span class="hint">
              {sessions} socket{sessions === 1 ? "" : "s"}, {formatAt(span)}
              {over ? ", closed" : " so far"}
            </span>
          </>
        )}
      </figcaption>
      {items.length === 0
        ? <p class="empty">Nothing yet: connect to start the timeline.</p>
        : (
          <svg
            ref={svg}
            viewBox={`${-GUTTER} 0 ${total} ${height}`}
            aria-label="Session timeline: arrow keys move between marks"
            {...pointer}
          >
            {ticks.map((t) => (
              <g key={t.x} class="tick" aria-hidden="true">
                <line
                  x1={round(t.x)}
                  x2={round(t.x)}
                  y1={0}
                  y2={lineY + LINE}
                />
                <text
                  x={round(t.x)}
                  y={height - 4}
                  text-anchor={tickAnchor(t.x, plot)}
                >
                  {t.label}
                </text>
              </g>
            ))}
            <g class="row-line" aria-hidden="true">
              {rows.map((row) => (
                <line
                  key={row}
                  x1={0}
                  x2={plot}
                  y1={top(row) + ROW / 2 + 1}
                  y2={top(row) + ROW / 2 + 1}
                />
              ))}
            </g>
            <g class="row-label" aria-hidden="true">
              {rows.map((row) => (
                <text key={row} x={-6} y={top(row) + ROW / 2 + 5}>
                  {ROW_LABELS[row]}
                </text>
              ))}
              <text x={-6} y={bandY + BAND / 2 + 4}>state</text>
              <text x={-6} y={lineY + LINE / 2 + 4}>buffered</text>
            </g>
            {items.map((item, i) => (
              <ItemRect key={i} item={item} i={i} at={at} shown={shown} />
            ))}
            {layout.bands.map((b) =>
              b.width > 80 && (
                <text
                  key={b.x}
                  class="band-label"
                  x={b.x + 4}
                  y={bandY + BAND / 2 + 4}
                  aria-hidden="true"
                >
                  {READY_STATE_NAMES[b.state]}
                </text>
              )
            )}
            {buffered && (
              <polyline class="buffered" points={buffered} aria-hidden="true" />
            )}
            {shown !== null && (
              <Cursor item={items[shown]} bottom={lineY + LINE} />
            )}
          </svg>
        )}
      <ChartDetail item={shown === null ? null : items[shown]} />
      <ul class="timeline-legend">
        <StateLegend />
        <MarkLegend
          mixed={layout.bands.some((b) => b.count > 1)}
          steps={rows.includes("step")}
        />
        <li>
          <span class="swatch line" />bufferedAmount, peak {formatBytes(peak)}
        </li>
      </ul>
    </figure>
  );
}
