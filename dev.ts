/**
 * `deno task dev`: the watch loop. Rebuilds the island bundle (with the
 * live-reload script) when a client source changes (client/, components/,
 * islands/, core/, static/), and lets `deno serve --watch` restart the
 * server when the rebuilt manifest or another server module changes; each
 * restart reloads the open page.
 *
 * @module
 */

import { join } from "node:path";
import { loadConfig } from "./core/config.ts";
import { build, CLIENT_SOURCES } from "./scripts/build.ts";
import { ensureCanListen, serveArgs } from "./scripts/serve_args.ts";

const ROOT = import.meta.dirname!;
/** How long an editor's burst of writes may take before a rebuild. */
const SETTLE_MS = 100;

const config = loadConfig();
ensureCanListen(config);
await build({ dev: true });

const server = new Deno.Command(Deno.execPath(), {
  args: serveArgs(join(ROOT, "main.ts"), {
    ...config,
    workers: 1,
    // A client source change restarts the server once, through the manifest
    // the rebuild writes: restarting on the edit as well would reload the
    // page twice, the second time perhaps while the server is down.
    flags: [
      `--watch=${join(ROOT, "_fresh", "manifest.json")}`,
      `--watch-exclude=${
        CLIENT_SOURCES.map((dir) => join(ROOT, dir)).join(",")
      }`,
    ],
  }),
  cwd: ROOT,
}).spawn();

let pending: ReturnType<typeof setTimeout> | undefined;
const watcher = Deno.watchFs(CLIENT_SOURCES.map((dir) => join(ROOT, dir)));
// Under --watch, Deno keeps the server's process waiting for the next change
// even after the server exits, so it is ended outright: nothing to drain here.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => {
    watcher.close();
    server.kill("SIGKILL");
  });
}
(async () => {
  for await (const _event of watcher) {
    clearTimeout(pending);
    pending = setTimeout(() => {
      build({ dev: true }).catch((error) => console.error(error.message));
    }, SETTLE_MS);
  }
})();
Deno.exit((await server.status).code);
