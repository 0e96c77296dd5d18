import { useEffect, useState } from "preact/hooks";
import type { ConnectionItem } from "../client/connection_list.ts";
import type { LaneSource } from "../client/timeline_lanes.ts";

/** Milliseconds between redraws of the lanes while anything changes. */
export const LANES_REFRESH_MS = 100;
/** Entries, over all lanes, past which the lanes redraw once a second. */
export const LANES_LONG_TRACE = 5000;

/** What the lanes chart draws at one moment. */
export interface LaneFrame {
  sources: LaneSource[];
  /** `performance.now()` when the traces were read. */
  now: number;
}

function read(items: readonly ConnectionItem[]): LaneFrame {
  return {
    sources: items.map(({ id, name, colour, connection }) => ({
      id,
      name,
      colour,
      trace: connection.snapshot.trace,
    })),
    now: performance.now(),
  };
}

/** Whether a socket lives or a retry waits, so the axis keeps growing. */
function ticking(items: readonly ConnectionItem[]): boolean {
  return items.some(({ connection: { snapshot: s } }) =>
    (s.readyState !== null && s.readyState < 3) || s.retry !== null
  );
}

/**
 * Every connection's trace, read at most every `LANES_REFRESH_MS` (once a
 * second past `LANES_LONG_TRACE` entries) however many connections flush:
 * eight sockets each flushing every 50 ms cost one render, not 160 a
 * second. While a socket lives the clock moves at the same pace.
 */
export function useLaneTraces(items: readonly ConnectionItem[]): LaneFrame {
  const [frame, setFrame] = useState(() => read(items));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      if (timer !== undefined) return;
      const entries = items.reduce(
        (n, i) => n + i.connection.snapshot.trace.length,
        0,
      );
      timer = setTimeout(
        refresh,
        entries > LANES_LONG_TRACE ? 1000 : LANES_REFRESH_MS,
      );
    };
    const refresh = () => {
      timer = undefined;
      setFrame(read(items));
      if (ticking(items)) schedule();
    };
    const unsubscribe = items.map((i) => i.connection.subscribe(schedule));
    refresh();
    return () => {
      clearTimeout(timer);
      for (const off of unsubscribe) off();
    };
  }, [items]);
  return frame;
}
