/**
 * Where a server's memory sits, and whether it comes back: its resident set
 * from /proc (anonymous against file-backed) and, through
 * bench/memory_probe.ts, its isolate's `Deno.memoryUsage()` (V8's heap, and
 * `external`: ArrayBuffers and other memory V8 accounts for outside it).
 *
 * @module
 */

import { MEMORY_PATH } from "./memory_probe_path.ts";
import { residentBreakdown } from "./proc.ts";

/** One sample; heap fields are NaN when the server has no probe. */
export interface MemorySample {
  /** Milliseconds since the watch began. */
  atMs: number;
  rss: number;
  anon: number;
  file: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/** How far RSS may stay above its pre-load figure to count as come back. */
export const BACK_RATIO = 1.5;
const SAMPLE_MS = 1000;

/** What the probe does before it answers; both are for diagnosis. */
export interface ProbeHints {
  /** Collect garbage (with `--expose-gc` only). */
  gc?: boolean;
  /** Call glibc's `malloc_trim(0)` (with `--allow-ffi` only). */
  trim?: boolean;
}

/** `Deno.memoryUsage()` of the server on `port`, or NaNs without a probe. */
export async function readMemoryUsage(
  port: number,
  hints: ProbeHints = {},
): Promise<{ heapUsed: number; heapTotal: number; external: number }> {
  const query = [hints.gc && "gc", hints.trim && "trim"].filter(Boolean);
  try {
    const response = await fetch(
      `http://127.0.0.1:${port}${MEMORY_PATH}${
        query.length ? `?${query.join("&")}` : ""
      }`,
    );
    const usage = await response.json() as Deno.MemoryUsage;
    return {
      heapUsed: usage.heapUsed,
      heapTotal: usage.heapTotal,
      external: usage.external,
    };
  } catch {
    return { heapUsed: NaN, heapTotal: NaN, external: NaN };
  }
}

/** The server's resident set and, with a probe, its isolate's memory. */
export async function weigh(
  port: number,
  pid: number,
  probe: boolean,
  hints: ProbeHints = {},
): Promise<Omit<MemorySample, "atMs">> {
  const usage = probe
    ? await readMemoryUsage(port, hints)
    : { heapUsed: NaN, heapTotal: NaN, external: NaN };
  // After the probe answered, so a collection it ran shows in the RSS.
  const { rss, anon, file } = residentBreakdown(pid);
  return { rss, anon, file, ...usage };
}

/**
 * Samples the server every second for `watchMs`; `figures` holds the first
 * and last samples (`closed.*`, `watched.*`), the lowest RSS, and
 * `backAfterMs`: when RSS first fell within {@linkcode BACK_RATIO} of
 * `baselineRss` (NaN if it never did). `hints` apply before each sample.
 */
export async function watchMemory(
  port: number,
  pid: number,
  watchMs: number,
  probe: boolean,
  baselineRss: number,
  hints: ProbeHints = {},
): Promise<{ samples: MemorySample[]; figures: Record<string, number> }> {
  const samples: MemorySample[] = [];
  const began = performance.now();
  for (let at = 0; at <= watchMs; at += SAMPLE_MS) {
    const wait = began + at - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    samples.push({
      atMs: Math.round(performance.now() - began),
      ...await weigh(port, pid, probe, hints),
    });
  }
  const back = samples.find((x) => x.rss <= BACK_RATIO * baselineRss);
  const first = samples[0];
  const last = samples.at(-1)!;
  const figures: Record<string, number> = {
    backAfterMs: back?.atMs ?? NaN,
    minRss: Math.min(...samples.map((x) => x.rss)),
  };
  for (const [prefix, sample] of [["closed", first], ["watched", last]]) {
    for (const [key, value] of Object.entries(sample as MemorySample)) {
      if (key !== "atMs") figures[`${prefix}.${key}`] = value;
    }
  }
  return { samples, figures };
}
