import type { Context } from "hono";
import type { AppEnv } from "../../app.ts";
import { isUpgradeRequest } from "../../core/handshake.ts";

/**
 * `/api/ws`: the echo endpoint. Upgrades go to the echo core; anything else
 * is told how to connect.
 */
export function handleWebSocket(c: Context<AppEnv>): Response {
  if (isUpgradeRequest(c.req.raw)) {
    return c.var.echo.upgrade(c.req.raw, c.env);
  }
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    c.header("Allow", "GET");
    return c.text(`Method ${c.req.method} is not allowed; use GET\n`, 405);
  }
  c.header("Upgrade", "websocket");
  c.header("Connection", "Upgrade");
  return c.text(
    '426 Upgrade Required: /api/ws is a WebSocket echo endpoint. Connect with a WebSocket client, e.g. new WebSocket("ws://HOST/api/ws").\n',
    426,
  );
}
