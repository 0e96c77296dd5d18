/**
 * The server entry. `deno task start` runs it under `deno serve`, as do
 * `deno serve main.ts` and Deno Deploy: it reads the configuration once,
 * builds the app, drains connections on SIGINT and SIGTERM, and exports the
 * app's fetch handler.
 *
 * @module
 */

import { createApp } from "./app.ts";
import { AcceptGuard } from "./core/accept_guard.ts";
import { readAssets } from "./core/assets.ts";
import { loadConfig } from "./core/config.ts";
import { createLogger } from "./core/log.ts";
import { createMemoryTrimmer } from "./core/memory_trim.ts";
import { connectRoomBuses } from "./core/room_buses.ts";
import { listenForShutdown } from "./core/shutdown.ts";

const config = loadConfig();
const logger = createLogger(config.logLevel);
let assets;
try {
  assets = readAssets();
} catch (error) {
  console.error((error as Error).message);
  Deno.exit(2);
}
// Under `deno serve --parallel` each worker runs this module in its own
// isolate: it enforces its share of the connection limit and labels its
// metrics and connection ids with a random worker id.
const workers = config.workers;
const worker = crypto.randomUUID().slice(0, 8);
const roomBuses = await connectRoomBuses(config, logger, worker);
const trimmer = config.memoryTrim ? createMemoryTrimmer(logger) : undefined;
const app = createApp({
  config: {
    ...config,
    maxConnections: Math.ceil(config.maxConnections / workers),
  },
  logger,
  assets,
  workers,
  worker,
  trimmer,
  roomBuses: roomBuses.buses,
  instance: roomBuses.instance,
});
listenForShutdown(app.echo, logger);
const guard = new AcceptGuard({
  fetch: app.fetch,
  metrics: app.echo.metrics,
  logger,
  hostname: config.hostname,
  port: config.port,
  stopped: () => app.echo.shuttingDown,
});
guard.install();

export default {
  fetch: app.fetch,
  // `deno serve` calls this instead of printing its line, in the main worker
  // only; the line is kept as it was, for people and for scripts.
  onListen(addr) {
    guard.listening(addr);
    if (addr.transport !== "tcp") return;
    const host = addr.hostname.includes(":")
      ? `[${addr.hostname}]`
      : addr.hostname;
    const threads = workers > 1 ? ` with ${workers} threads` : "";
    console.log(
      `deno serve: Listening on http://${host}:${addr.port}/${threads}`,
    );
  },
} satisfies Deno.ServeDefaultExport;
