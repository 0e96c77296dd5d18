/**
 * A bench-only `deno serve` entry that wraps another server module and adds
 * one route, `GET /__bench/memory[?gc][&trim]`, answering the isolate's
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

let trim: (() => number) | undefined;

/** glibc's `malloc_trim(0)` through FFI, when the server may use it. */
function mallocTrim(): number | null {
  try {
    trim ??= (() => {
      const libc = Deno.dlopen("libc.so.6", {
        malloc_trim: { parameters: ["usize"], result: "i32" },
      });
      return () => libc.symbols.malloc_trim(0n);
    })();
    return trim();
  } catch {
    return null;
  }
}

export default {
  fetch(request, info) {
    const url = request.url;
    if (url.includes(MEMORY_PATH) && new URL(url).pathname === MEMORY_PATH) {
      const query = new URL(url).searchParams;
      // `?gc` collects first, when V8 runs with --expose-gc (diagnosis only):
      // what survives a full collection is what is still referenced.
      const gc = (globalThis as { gc?: () => void }).gc;
      if (query.has("gc") && gc) gc();
      // `?trim` has glibc return the free pages of every arena to the
      // system (needs --allow-ffi): what is left is still in use.
      const trimmed = query.has("trim") ? mallocTrim() : null;
      return Response.json({ ...Deno.memoryUsage(), trimmed });
    }
    return inner.fetch(request, info);
  },
  onListen: inner.onListen,
} satisfies Deno.ServeDefaultExport;
