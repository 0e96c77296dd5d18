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
import { ASSET_PREFIX, type Assets, BUILD_DIR } from "./core/assets.ts";
import type { Config } from "./core/config.ts";
import { EchoServer } from "./core/echo_server.ts";
import type { Logger } from "./core/log.ts";
import { WorkerMetrics } from "./core/worker_metrics.ts";
import { handleIndex } from "./routes/index.tsx";
import { handleWebSocket, isEchoUpgrade } from "./routes/api/ws.ts";
import { handleHealth } from "./routes/api/health.ts";
import { handleMetrics } from "./routes/metrics.ts";
import { handleNotFound } from "./routes/_404.tsx";

/** Hono's environment for this app: what every route can reach. */
export interface AppEnv {
  /** Deno passes the connection's info as the second `fetch` argument. */
  Bindings: Deno.ServeHandlerInfo;
  Variables: {
    echo: EchoServer;
    assets: Assets;
    startedAt: number;
    workerMetrics: WorkerMetrics;
  };
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
}

/** The app: its `fetch` handler and the echo core, for shutdown. */
export interface App {
  fetch: (
    request: Request,
    info: Deno.ServeHandlerInfo,
  ) => Response | Promise<Response>;
  echo: EchoServer;
  /** Stops the cross-worker metrics channel. */
  close(): void;
}

const STATIC_ROOT = new URL("./static", import.meta.url).pathname;
const IMMUTABLE = "public, max-age=31536000, immutable";

/** Builds the app around one {@linkcode EchoServer}. */
export function createApp(options: AppOptions): App {
  const workers = options.workers ?? 1;
  const worker = options.worker ?? "0";
  const echo = new EchoServer({
    config: options.config,
    logger: options.logger,
    idPrefix: workers > 1 ? `${worker}-` : "",
  });
  const workerMetrics = new WorkerMetrics(echo.metrics, worker, workers);
  const startedAt = Date.now();
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set("echo", echo);
    c.set("assets", options.assets);
    c.set("startedAt", startedAt);
    c.set("workerMetrics", workerMetrics);
    await next();
  });
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

  app.all("/", handleIndex);
  app.all("/api/ws", handleWebSocket);
  app.get("/api/health", handleHealth);
  app.get("/metrics", handleMetrics);
  app.use(`${ASSET_PREFIX}*`, etag());
  app.get(
    `${ASSET_PREFIX}*`,
    serveStatic({
      root: BUILD_DIR.pathname,
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
  app.notFound(handleNotFound);
  app.onError((error, c) => {
    options.logger.error("request_failed", {
      path: c.req.path,
      message: error.message,
    });
    return c.text("Internal server error\n", 500);
  });

  return {
    fetch: (request, info) =>
      isEchoUpgrade(request)
        ? echo.upgrade(request, info)
        : app.fetch(request, info),
    echo,
    close: () => workerMetrics.close(),
  };
}
