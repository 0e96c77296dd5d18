/**
 * The path bench/memory_probe.ts answers, apart from the probe itself so
 * clients can import it without running the probe's top-level code.
 *
 * @module
 */

/** `GET` here answers the server isolate's `Deno.memoryUsage()` as JSON. */
export const MEMORY_PATH = "/__bench/memory";
