/**
 * Returning freed native memory to the system after a crowd leaves. When
 * thousands of WebSockets close, V8's heap shrinks back by itself, but the
 * memory Deno's native side freed (socket buffers, about 190 MiB after 19,000
 * connections) stays inside glibc's heaps, counted in RSS, until
 * `malloc_trim` hands it back (bench/RESULTS.md, "Memory comes back"). No
 * allocator setting or V8 flag does that; only the call does, and it needs
 * FFI, which Deno counts as every permission, so it is opt-in
 * (`MEMORY_TRIM=true`).
 *
 * @module
 */

import type { Logger } from "./log.ts";

/** glibc's `malloc_trim(0)`, or `null` where it cannot be called. */
export function loadMallocTrim(): (() => void) | null {
  if (Deno.build.os !== "linux") return null;
  if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") {
    return null;
  }
  try {
    const libc = Deno.dlopen("libc.so.6", {
      malloc_trim: { parameters: ["usize"], result: "i32" },
    });
    return () => void libc.symbols.malloc_trim(0n);
  } catch {
    // Not glibc (musl, a distroless image): nothing to call.
    return null;
  }
}

/** When {@linkcode MemoryTrimmer} trims. */
export interface MemoryTrimmerOptions {
  /** Returns freed memory to the system. */
  trim: () => void;
  /** Connections that must have closed since the peak. @default {1000} */
  minDrop?: number;
  /** Time after the drop before the first trim, in ms. @default {5000} */
  delayMs?: number;
}

/**
 * Trims once open connections have fallen by at least `minDrop` and by half
 * from their peak: `delayMs` after that drop, and again `4 × delayMs` after
 * it, when V8 has collected what the closed sockets left in its heap and
 * freed the native memory behind it. A trim after a burst of frees costs
 * about 35 ms, so it is never done per close.
 */
export class MemoryTrimmer {
  readonly #trim: () => void;
  readonly #minDrop: number;
  readonly #delayMs: number;
  #peak = 0;
  #open = 0;
  #timers: ReturnType<typeof setTimeout>[] = [];
  /** Trims done, for tests and logs. */
  trims = 0;

  constructor(options: MemoryTrimmerOptions) {
    this.#trim = options.trim;
    this.#minDrop = options.minDrop ?? 1000;
    this.#delayMs = options.delayMs ?? 5000;
  }

  /** Tells the trimmer how many connections are open now. */
  observe(open: number): void {
    this.#open = open;
    if (open > this.#peak) this.#peak = open;
    if (this.#timers.length > 0) return;
    if (this.#peak - open < this.#minDrop || open * 2 > this.#peak) return;
    for (const delay of [this.#delayMs, 4 * this.#delayMs]) {
      const timer = setTimeout(() => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        this.#trim();
        this.trims++;
        // The next drop is counted from what is open after this one.
        if (this.#timers.length === 0) this.#peak = this.#open;
      }, delay);
      // A pending trim never keeps the process alive.
      Deno.unrefTimer(timer);
      this.#timers.push(timer);
    }
  }

  /** Cancels pending trims. */
  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
  }
}

/**
 * The trimmer `MEMORY_TRIM=true` asks for, logging each trim with RSS before
 * and after; `undefined`, with one warning, where `malloc_trim` cannot be
 * called.
 */
export function createMemoryTrimmer(logger: Logger): MemoryTrimmer | undefined {
  const trim = loadMallocTrim();
  if (!trim) {
    logger.warn("memory_trim_unavailable", {
      reason: "MEMORY_TRIM needs Linux with glibc and the FFI permission",
    });
    return undefined;
  }
  return new MemoryTrimmer({
    trim() {
      const rssBefore = Deno.memoryUsage().rss;
      trim();
      logger.info("memory_trimmed", {
        rssBefore,
        rssAfter: Deno.memoryUsage().rss,
      });
    },
  });
}
