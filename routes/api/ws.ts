import type { Handlers } from "../../context.ts";
import { isUpgradeRequest } from "../../core/handshake.ts";

const HOW_TO_CONNECT =
  '426 Upgrade Required: /api/ws is a WebSocket echo endpoint. Connect with a WebSocket client, e.g. new WebSocket("ws://HOST/api/ws").\n';

/**
 * `/api/ws`: a WebSocket upgrade becomes an echo session; a GET with
 * `?status` gets the refusal an upgrade would get; any other GET is told how
 * to connect. The app also sends upgrades on `/` here.
 */
export const handler: Handlers = {
  GET(ctx) {
    const echo = ctx.state.echo;
    if (isUpgradeRequest(ctx.req)) return echo.upgrade(ctx.req, ctx.info);
    const refusal = echo.refusal(ctx.req, ctx.info);
    if (refusal) return refusal;
    return new Response(HOW_TO_CONNECT, {
      status: 426,
      headers: {
        Upgrade: "websocket",
        Connection: "Upgrade",
        "Content-Type": "text/plain; charset=UTF-8",
      },
    });
  },
};
