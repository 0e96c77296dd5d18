import type { ReadonlySignal } from "@preact/signals";
import type { ConnectionItem } from "../client/connection_list.ts";
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { TraceEntry } from "../client/trace.ts";
import { StateTrail } from "./StateTrail.tsx";
import type { TimelineProps } from "./Timeline.tsx";
import type { TimelineLanesProps } from "./TimelineLanes.tsx";

// The chart and its layout are a sizeable module that nothing needs
// before the first socket: it loads after the page is interactive.
let chart: Promise<ComponentType<TimelineProps>> | undefined;
// One lane per connection: only a second connection loads it.
let lanes: Promise<ComponentType<TimelineLanesProps>> | undefined;

/** Entries past which the chart is redrawn at most once a second. */
const LONG_TRACE = 5000;

/**
 * Where the session's timeline is drawn: the readyStates in words, then the
 * chart, or with several connections one lane each (TimelineLanes.tsx).
 * Reading the ticking `now` in this small component keeps the 10 Hz
 * re-render out of the rest of the island.
 */
export function TimelineSlot(
  { trace, now, items }: {
    trace: ReadonlySignal<readonly TraceEntry[]>;
    now: ReadonlySignal<number>;
    /** Every connection, once there are several: one lane each. */
    items: ReadonlySignal<readonly ConnectionItem[]>;
  },
) {
  const [Timeline, setTimeline] = useState<
    ComponentType<TimelineProps> | null
  >(null);
  useEffect(() => {
    chart ??= import("./Timeline.tsx").then((m) => m.Timeline);
    chart.then((component) => setTimeline(() => component));
  }, []);
  const several = items.value.length > 1;
  const [Lanes, setLanes] = useState<
    ComponentType<TimelineLanesProps> | null
  >(null);
  useEffect(() => {
    if (!several) return;
    lanes ??= import("./TimelineLanes.tsx").then((m) => m.TimelineLanes);
    lanes.then((component) => setLanes(() => component));
  }, [several]);
  const at = now.value;
  // Laying out a long session costs milliseconds; past a few thousand
  // entries the chart's clock moves once a second, the trail's still 10 Hz.
  const chartNow = trace.value.length > LONG_TRACE
    ? Math.floor(at / 1000) * 1000
    : at;
  return (
    <section class="timeline-slot" aria-label="Timeline" data-testid="timeline">
      <StateTrail trace={trace.value} now={at} />
      {several && Lanes
        ? <Lanes items={items.value} />
        : Timeline
        ? <Timeline trace={trace.value} now={chartNow} />
        : (
          // What the chart shows of an empty session, until it loads.
          <figure class="timeline">
            <figcaption>Timeline</figcaption>
            <p class="empty">Nothing yet: connect to start the timeline.</p>
          </figure>
        )}
    </section>
  );
}
