import type { Context } from "hono";
import type { AppEnv } from "../app.ts";
import { METRICS_CONTENT_TYPE, renderMetrics } from "../core/metrics.ts";

/** `/metrics`: every worker's echo counters in Prometheus text format. */
export async function handleMetrics(c: Context<AppEnv>): Promise<Response> {
  const sets = await c.var.workerMetrics.gather();
  return c.body(renderMetrics(sets), 200, {
    "Content-Type": METRICS_CONTENT_TYPE,
    "Cache-Control": "no-store",
  });
}
