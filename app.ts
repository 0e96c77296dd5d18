/**
 * Builds the web app: the echo core behind thin routes, the page, static
 * assets, security headers and a 404 page.
 *
 * @module
 */

import { Hono } from "hono";
import { compress } from "hono/compress";
import { etag } from "hono/etag";
import { secureHeaders } from "hono/secure-headers";
import { serveStatic } from "hono/deno";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RouteModule, State } from "./context.ts";
import { ASSET_PREFIX, type Assets, BUILD_DIR } from "./core/assets.ts";
import type { Config } from "./core/config.ts";
import { EchoServer } from "./core/echo_server.ts";
import { isUpgradeRequest } from "./core/handshake.ts";
import { LIVE_RELOAD_PATH, serveLiveReload } from "./core/live_reload.ts";
import type { Logger } from "./core/log.ts";
import type { MemoryTrimmer } from "./core/memory_trim.ts";
import type { RoomBus } from "./core/room_bus.ts";
import { WorkerMetrics } from "./core/worker_metrics.ts";
import { renderRoute, respond } from "./router.tsx";
import * as index from "./routes/index.tsx";
import * as ws from "./routes/api/ws.ts";
import * as health from "./routes/api/health.ts";
import * as metrics from "./routes/metrics.ts";
import * as notFound from "./routes/_404.tsx";

/** URL → route module; each file under routes/ mirrors its URL. */
const ROUTES: Record<string, RouteModule> = {
  "/": index,
  "/api/ws": ws,
  "/api/health": health,
  "/metrics": metrics,
};

/**
 * WebSocket upgrades by exact path, answered before any middleware: routing
 * and middleware on every handshake cost 10-15% of the handshake rate
 * (bench/RESULTS.md), and a 101 response must reach Deno untouched. `/`
 * echoes too, so a client written for `new WebSocket("ws://localhost:8080")`
 * works unchanged.
 */
const UPGRADES: ReadonlyMap<string, RouteModule> = new Map([
  ["/api/ws", ws],
  ["/", ws],
]);

/** Hono's environment for this app. */
interface AppEnv {
  /** Deno passes the connection's info as the second `fetch` argument. */
  Bindings: Deno.ServeHandlerInfo;
}

/** What {@linkcode createApp} needs. */
export interface AppOptions {
  config: Config;
  logger: Logger;
  assets: Assets;
  /** This worker's label, when `deno serve --parallel` runs several. */
  worker?: string;
  /** How many workers share the process. @default {1} */
  workers?: number;
  /** Trims native memory after a crowd leaves (`MEMORY_TRIM`). */
  trimmer?: MemoryTrimmer;
  /** What carries rooms to other workers and processes. */
  roomBuses?: RoomBus[];
  /** This process's id, shared by its workers, for the room buses. */
  instance?: string;
}

/** The app: its `fetch` handler and the echo core, for shutdown. */
export interface App {
  fetch: (
    request: Request,
    info: Deno.ServeHandlerInfo,
  ) => Response | Promise<Response>;
  echo: EchoServer;
  /** Stops the cross-worker metrics channel and the room buses. */
  close(): Promise<void>;
}

const STATIC_ROOT = join(import.meta.dirname!, "static");
const IMMUTABLE = "public, max-age=31536000, immutable";

/** Builds the app around one {@linkcode EchoServer}. */
export function createApp(options: AppOptions): App {
  const workers = options.workers ?? 1;
  const worker = options.worker ?? "0";
  const echo = new EchoServer({
    config: options.config,
    logger: options.logger,
    idPrefix: workers > 1 ? `${worker}-` : "",
    trimmer: options.trimmer,
    roomBuses: options.roomBuses,
    node: worker === "0" ? undefined : worker,
    instance: options.instance,
  });
  const workerMetrics = new WorkerMetrics(echo.metrics, worker, workers);
  const state: State = {
    echo,
    assets: options.assets,
    startedAt: Date.now(),
    workerMetrics,
  };
  const app = new Hono<AppEnv>();

  const withSecurityHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      // The client may connect to any WebSocket server the user types.
      connectSrc: ["'self'", "ws:", "wss:"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: "no-referrer",
    xFrameOptions: "DENY",
    crossOriginEmbedderPolicy: false,
  });
  // Text over 1 KiB is compressed when the client accepts it; the hashed
  // build output is precompressed by the build instead.
  app.use(withSecurityHeaders);
  app.use(compress());

  // Only a dev build has the script, so only `deno task dev` serves this.
  if (options.assets.reload) app.get(LIVE_RELOAD_PATH, serveLiveReload);
  for (const [path, route] of Object.entries(ROUTES)) {
    app.all(path, (c) => respond(route, c.req.raw, c.env, state));
  }
  app.use(`${ASSET_PREFIX}*`, etag());
  app.get(
    `${ASSET_PREFIX}*`,
    serveStatic({
      root: fileURLToPath(BUILD_DIR),
      rewriteRequestPath: (path) => path.slice(ASSET_PREFIX.length),
      precompressed: true,
      onFound: (_path, c) => c.header("Cache-Control", IMMUTABLE),
    }),
  );
  app.use("/static/*", etag());
  app.get(
    "/static/*",
    serveStatic({
      root: STATIC_ROOT,
      rewriteRequestPath: (path) => path.slice("/static".length),
      onFound: (_path, c) => c.header("Cache-Control", "public, max-age=3600"),
    }),
  );
  app.notFound((c) =>
    renderRoute(notFound, c.req.raw, c.env, state, { status: 404 })
  );
  app.onError((error, c) => {
    options.logger.error("request_failed", {
      path: c.req.path,
      message: error.message,
    });
    return c.text("Internal server error\n", 500);
  });

  return {
    fetch(request, info) {
      const upgrade = isUpgradeRequest(request)
        ? UPGRADES.get(pathOf(request.url))
        : undefined;
      return upgrade
        ? respond(upgrade, request, info, state)
        : app.fetch(request, info);
    },
    echo,
    close: async () => {
      workerMetrics.close();
      await echo.close();
    },
  };
}

/** The path of an absolute URL, without parsing all of it. */
function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const query = url.indexOf("?", start);
  return query < 0 ? url.slice(start) : url.slice(start, query);
}
