import type { Context } from "hono";
import type { AppEnv } from "../../app.ts";

/** `/api/health`: 200 while serving, 503 once shutdown has begun. */
export function handleHealth(c: Context<AppEnv>): Response {
  const echo = c.var.echo;
  c.header("Cache-Control", "no-store");
  return c.json({
    status: echo.shuttingDown ? "shutting_down" : "ok",
    uptimeSeconds: Math.round((Date.now() - c.var.startedAt) / 1000),
    openConnections: echo.openConnections,
  }, echo.shuttingDown ? 503 : 200);
}
