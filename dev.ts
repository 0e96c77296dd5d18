/**
 * `deno task dev`: the watch loop. Rebuilds the island bundle when client
 * sources change, and lets `deno serve --watch` restart the server when the
 * server's modules or the rebuilt manifest change.
 *
 * @module
 */

import { loadConfig } from "./core/config.ts";
import { build, CLIENT_SOURCES } from "./scripts/build.ts";
import { ensureCanListen, serveArgs } from "./scripts/serve_args.ts";

const config = loadConfig();
ensureCanListen(config);
await build();

const server = new Deno.Command(Deno.execPath(), {
  args: serveArgs("main.ts", {
    ...config,
    workers: 1,
    flags: ["--watch=_fresh/manifest.json,routes/,islands/,static/,core/"],
  }),
  cwd: new URL(".", import.meta.url).pathname,
}).spawn();

let pending: ReturnType<typeof setTimeout> | undefined;
const watcher = Deno.watchFs(
  CLIENT_SOURCES.map((dir) => new URL(dir, import.meta.url).pathname),
);
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
    // Editors write in bursts; rebuild once they settle.
    clearTimeout(pending);
    pending = setTimeout(() => {
      build().catch((error) => console.error(error.message));
    }, 100);
  }
})();
Deno.exit((await server.status).code);
