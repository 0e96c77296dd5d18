import type { Context } from "hono";
import type { AppEnv } from "../../app.ts";
import { isUpgradeRequest } from "../../core/handshake.ts";

/**
 * Paths whose WebSocket upgrades are echoed: the endpoint, and `/` so a
 * client written for `new WebSocket("ws://localhost:8080")` works unchanged.
 */
const ECHO_PATHS = new Set(["/api/ws", "/"]);

/**
 * True for a WebSocket upgrade to an echo path. `createApp` sends these to
 * the echo core before Hono: routing and middleware on every handshake
 * measurably slowed handshakes (bench/RESULTS.md), and a 101 response must
 * reach Deno untouched.
 */
export function isEchoUpgrade(request: Request): boolean {
  return isUpgradeRequest(request) && ECHO_PATHS.has(pathOf(request.url));
}

/** `/api/ws` without an upgrade: say how to connect. */
export function handleWebSocket(c: Context<AppEnv>): Response {
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

/** The path of an absolute URL, without parsing all of it. */
function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const query = url.indexOf("?", start);
  return query < 0 ? url.slice(start) : url.slice(start, query);
}
