import type { Handlers } from "../../context.ts";

/** `/api/health`: 200 while serving, 503 once shutdown has begun. */
export const handler: Handlers = {
  GET({ state }) {
    const { echo } = state;
    return Response.json({
      status: echo.shuttingDown ? "shutting_down" : "ok",
      uptimeSeconds: Math.round((Date.now() - state.startedAt) / 1000),
      openConnections: echo.openConnections,
    }, {
      status: echo.shuttingDown ? 503 : 200,
      headers: { "Cache-Control": "no-store" },
    });
  },
};
