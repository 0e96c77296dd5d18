/**
 * What the single-connection timeline and the lanes chart share: the
 * keyboard and pointer model over their bands and marks, how one is drawn,
 * the cursor, the detail line and the legend's common entries.
 *
 * @module
 */
import type { RefObject } from "preact";
import { useState } from "preact/hooks";
import { READY_STATE_NAMES } from "../client/event_log.ts";
import { type ChartItem, round } from "./lane_items.ts";

/** How near a mark the pointer has to be to show it, in pixels. */
const REACH = 6;

/** Sizes {@linkcode useChartFocus} maps pointer positions with. */
export interface ChartBox {
  /** Width of the viewBox, gutter included. */
  total: number;
  /** Height of the viewBox. */
  height: number;
  /** Width left of the axis, where x is 0. */
  gutter: number;
}

/**
 * Which item is the Tab stop (`at`) and which is shown (hovered, else the
 * focused one), with the figure's key and focus handlers and the SVG's
 * pointer handlers. Focus listeners go on the figure, not the SVG: Chromium
 * makes an SVG element with focus listeners focusable, a Tab stop of its
 * own.
 */
export function useChartFocus(
  items: readonly ChartItem[],
  svg: RefObject<SVGSVGElement>,
  { total, height, gutter }: ChartBox,
) {
  const [current, setCurrent] = useState(0);
  const [focused, setFocused] = useState(false);
  const [hovered, setHovered] = useState<number | null>(null);
  const last = items.length - 1;
  const at = Math.min(current, last);
  const shown = hovered ?? (focused ? at : null);
  const keys: Record<string, number> = {
    ArrowRight: at + 1,
    ArrowDown: at + 1,
    ArrowLeft: at - 1,
    ArrowUp: at - 1,
    Home: 0,
    End: last,
  };
  const hover = (event: PointerEvent) => {
    const box = svg.current!.getBoundingClientRect();
    const x = (event.clientX - box.left) * total / box.width - gutter;
    const y = (event.clientY - box.top) * height / box.height;
    let best: number | null = null;
    let distance = REACH;
    items.forEach((item, i) => {
      if (y < item.y - 1 || y > item.y + item.height + 1) return;
      const d = Math.max(item.x - x, x - item.x - item.width, 0);
      if (d <= distance) [best, distance] = [i, d];
    });
    setHovered(best);
  };
  const figure = {
    onKeyDown: (e: KeyboardEvent) => {
      if (!(e.key in keys)) return;
      e.preventDefault();
      const next = Math.max(0, Math.min(keys[e.key], last));
      svg.current?.querySelector<SVGElement>(`[data-i="${next}"]`)?.focus();
    },
    onFocusIn: (e: FocusEvent) => {
      const i = Number((e.target as SVGElement).dataset?.i);
      if (Number.isInteger(i)) setCurrent(i);
      setFocused(Number.isInteger(i));
    },
    onFocusOut: () => setFocused(false),
  };
  const pointer = {
    onPointerMove: hover,
    onPointerDown: hover,
    onPointerLeave: () => setHovered(null),
  };
  return { at, shown, figure, pointer };
}

/** Where a tick's label stands: the first starts, the last ends at it. */
export function tickAnchor(x: number, plot: number): string {
  return x === 0 ? "start" : x > plot - 24 ? "end" : "middle";
}

/** Props of {@linkcode ItemRect}. */
export interface ItemRectProps {
  item: ChartItem;
  /** Its place in time order, the number the arrow keys move through. */
  i: number;
  /** The Tab stop, from {@linkcode useChartFocus}. */
  at: number;
  /** The item shown, from {@linkcode useChartFocus}. */
  shown: number | null;
}

/** A band or mark: one Tab stop, named by its details. */
export function ItemRect({ item, i, at, shown }: ItemRectProps) {
  return (
    <rect
      data-i={i}
      class={`${item.class}${i === shown ? " active" : ""}`}
      x={round(item.x)}
      y={item.y}
      // Rounded at both ends, so neighbouring bands still meet.
      width={round(round(item.x + item.width) - round(item.x))}
      height={item.height}
      role="img"
      aria-label={item.label}
      tabindex={i === at ? 0 : -1}
    />
  );
}

/** The vertical line through the shown item, from the top to `bottom`. */
export function Cursor({ item, bottom }: { item: ChartItem; bottom: number }) {
  const x = round(item.x + item.width / 2);
  return (
    <line class="cursor" x1={x} x2={x} y1={0} y2={bottom} aria-hidden="true" />
  );
}

/** The shown item's details below the chart, read out as they change. */
export function ChartDetail({ item }: { item: ChartItem | null }) {
  return (
    <p class="timeline-detail" aria-live="polite">
      {item === null
        ? "Hover over or focus a band or mark to see its details."
        : item.label}
    </p>
  );
}

/** The legend's entries for the readyState colours. */
export function StateLegend() {
  return (
    <>
      {READY_STATE_NAMES.map((name, state) => (
        <li key={name}>
          <span class={`swatch s${state}`} />
          {name}
        </li>
      ))}
    </>
  );
}

/** The legend's entries for mixed bands and steps, where the chart has any. */
export function MarkLegend(
  { mixed, steps }: { mixed: boolean; steps: boolean },
) {
  return (
    <>
      {mixed && (
        <li>
          <span class="swatch mixed" />several states, each too short to see
        </li>
      )}
      {steps && (
        <>
          <li>
            <span class="swatch passed" />step passed
          </li>
          <li>
            <span class="swatch failed" />step failed
          </li>
        </>
      )}
    </>
  );
}
