import type { ReadonlySignal } from "@preact/signals";
import type { TraceEntry } from "../client/trace.ts";
import { StateTrail } from "./StateTrail.tsx";

/**
 * Where the session's timeline is drawn. TIMELINE: render
 * `<Timeline trace={trace.value} now={now.value} />` (components/Timeline.tsx)
 * here. Reading the ticking `now` in this small component keeps the 10 Hz
 * re-render out of the rest of the island.
 */
export function TimelineSlot(
  { trace, now }: {
    trace: ReadonlySignal<readonly TraceEntry[]>;
    now: ReadonlySignal<number>;
  },
) {
  return (
    <section class="timeline" aria-label="Timeline" data-testid="timeline">
      <StateTrail trace={trace.value} now={now.value} />
    </section>
  );
}
