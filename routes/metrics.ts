import type { Context } from "hono";
import type { AppEnv } from "../app.ts";
import { METRICS_CONTENT_TYPE } from "../core/metrics.ts";

/** `/metrics`: the echo counters in Prometheus text format. */
export function handleMetrics(c: Context<AppEnv>): Response {
  return c.body(c.var.echo.metrics.render(c.var.metricLabels), 200, {
    "Content-Type": METRICS_CONTENT_TYPE,
    "Cache-Control": "no-store",
  });
}
