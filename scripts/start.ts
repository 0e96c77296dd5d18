/**
 * `deno task start`: validates the configuration, builds the client when its
 * bundle is missing or stale, then runs `main.ts` under `deno serve` on
 * `HOSTNAME:PORT`, with one worker per `WORKERS`.
 *
 * @module
 */

import { join } from "node:path";
import { loadConfig } from "../core/config.ts";
import { build, isStale } from "./build.ts";
import { ensureCanListen, serveArgs } from "./serve_args.ts";

const config = loadConfig();
ensureCanListen(config);
if (await isStale()) await build();

const server = new Deno.Command(Deno.execPath(), {
  args: serveArgs(join(import.meta.dirname!, "..", "main.ts"), {
    ...config,
    // malloc_trim is called through FFI; only this setting grants it.
    flags: config.memoryTrim ? ["--allow-ffi"] : [],
  }),
  // One id for all the workers of this process, for the room buses.
  env: {
    DENO_JOBS: String(config.workers),
    ECHO_INSTANCE_ID: config.instanceId ?? crypto.randomUUID().slice(0, 12),
  },
}).spawn();

// Signals are passed on, so the server drains, then this process follows. A
// terminal's Ctrl+C also reaches the server directly; it ignores the repeat.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => server.kill(signal));
}
const status = await server.status;
Deno.exit(status.code);
