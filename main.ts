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
const app = createApp({ config, logger, assets });
listenForShutdown(app.echo, logger);

export default {
  fetch: app.fetch,
} satisfies Deno.ServeDefaultExport;
