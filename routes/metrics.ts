import type { Handlers } from "../context.ts";
import { METRICS_CONTENT_TYPE, renderMetrics } from "../core/metrics.ts";

/** `/metrics`: every worker's echo counters in Prometheus text format. */
export const handler: Handlers = {
  async GET({ state }) {
    const sets = await state.workerMetrics.gather();
    return new Response(renderMetrics(sets), {
      headers: {
        "Content-Type": METRICS_CONTENT_TYPE,
        "Cache-Control": "no-store",
      },
    });
  },
};
