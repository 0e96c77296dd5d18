/**
 * The server entry. `deno task start` runs it under `deno serve`, as do
 * `deno serve main.ts` and Deno Deploy: it reads the configuration once,
 * builds the app, drains connections on SIGINT and SIGTERM, and exports the
 * app's fetch handler.
 *
 * @module
 */

import { createApp } from "./app.ts";
import { readAssets } from "./core/assets.ts";
import { loadConfig } from "./core/config.ts";
import { createLogger } from "./core/log.ts";
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
const app = createApp({
  config: {
    ...config,
    maxConnections: Math.ceil(config.maxConnections / workers),
  },
  logger,
  assets,
  workers,
  worker: crypto.randomUUID().slice(0, 8),
});
listenForShutdown(app.echo, logger);

export default {
  fetch: app.fetch,
} satisfies Deno.ServeDefaultExport;
