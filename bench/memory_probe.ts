/**
 * A bench-only `deno serve` entry that wraps another server module and adds
 * one route, `GET /__bench/memory[?gc]`, answering the isolate's
 * `Deno.memoryUsage()` as JSON (`rss`, `heapTotal`, `heapUsed`, `external`),
 * so the bench can show where a server's memory sits without the server's
 * own code exposing it. The wrapped module is `BENCH_PROBED_ENTRY` (a path);
 * every other request goes to it unchanged.
 *
 * @module
 */

import { pathToFileURL } from "node:url";
import { MEMORY_PATH } from "./memory_probe_path.ts";

const entry = Deno.env.get("BENCH_PROBED_ENTRY");
if (!entry) throw new TypeError("BENCH_PROBED_ENTRY is not set");
const inner = (await import(pathToFileURL(entry).href))
  .default as Deno.ServeDefaultExport;

export default {
  fetch(request, info) {
    // One comparison per request; upgrades and echoes never match it.
    const url = request.url;
    if (url.includes(MEMORY_PATH) && new URL(url).pathname === MEMORY_PATH) {
      // `?gc` collects first, when V8 runs with --expose-gc (diagnosis only):
      // what survives a full collection is what is still referenced.
      const gc = (globalThis as { gc?: () => void }).gc;
      if (new URL(url).searchParams.has("gc") && gc) gc();
      return Response.json(Deno.memoryUsage());
    }
    return inner.fetch(request, info);
  },
  onListen: inner.onListen,
} satisfies Deno.ServeDefaultExport;
