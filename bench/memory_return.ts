/**
 * `deno task stress --memory-return [--connections=N] [--watch=MS]
 * [--candidates=a,b]`: does memory come back once the load has left? For
 * each candidate setting (glibc malloc's environment, V8 flags through
 * `DENO_V8_FLAGS`), the project and the bare baseline each start afresh,
 * take the crowd (N WebSockets, 200 active, then all closed), and are
 * watched for `--watch` ms. Prints RSS before, all open, 1 s after closing
 * and at the end, when it first came within 1.5× of before, and where it
 * sits: V8's heap (`Deno.memoryUsage()` through bench/memory_probe.ts)
 * against anonymous and file-backed RSS.
 *
 * @module
 */

import { formatBytes } from "../core/format.ts";
import { CROWD_ACTIVE, CROWD_INTERVAL_MS } from "./limit_scenarios.ts";
import { runScenario, SCENARIOS } from "./scenarios.ts";
import type { ScenarioSpec } from "./scenario_spec.ts";
import { type Server, startBaseline, startProject } from "./servers.ts";
import { markdownTable } from "./stats.ts";
import type { ProbeHints } from "./memory_watch.ts";

/** A setting to try, applied to both servers' environment. */
export interface Candidate {
  key: string;
  env: Record<string, string>;
  /** What the probe does before each sample after closing. */
  hints?: ProbeHints;
  /** More `deno serve` flags the candidate needs. */
  flags?: string[];
}

/** The settings compared; `defaults` first, as the reference. */
export const CANDIDATES: Candidate[] = [
  { key: "defaults", env: {} },
  { key: "arena2", env: { MALLOC_ARENA_MAX: "2" } },
  {
    key: "trim",
    // Fixed thresholds switch off glibc's dynamic ones, which after a burst
    // of large frees keep up to 64 MiB per arena untrimmed.
    env: {
      MALLOC_TRIM_THRESHOLD_: "131072",
      MALLOC_MMAP_THRESHOLD_: "131072",
    },
  },
  {
    key: "arena2+trim",
    env: {
      MALLOC_ARENA_MAX: "2",
      MALLOC_TRIM_THRESHOLD_: "131072",
      MALLOC_MMAP_THRESHOLD_: "131072",
    },
  },
  {
    key: "v8-reducer",
    // The memory reducer shrinks the heap once the isolate is idle; by
    // default it waits 8 s and gives up after 2 collections.
    env: {
      DENO_V8_FLAGS:
        "--memory-reducer-delay-ms=1000,--memory-reducer-gc-count=4",
    },
  },
  { key: "v8-semi8", env: { DENO_V8_FLAGS: "--max-semi-space-size=8" } },
  { key: "v8-saver", env: { DENO_V8_FLAGS: "--memory-saver-mode" } },
  {
    key: "combined",
    env: {
      MALLOC_ARENA_MAX: "2",
      MALLOC_TRIM_THRESHOLD_: "131072",
      MALLOC_MMAP_THRESHOLD_: "131072",
      DENO_V8_FLAGS:
        "--memory-reducer-delay-ms=1000,--memory-reducer-gc-count=4",
    },
  },
  {
    // What the server could do itself when a crowd has left: glibc keeps
    // freed pages inside its heaps until malloc_trim returns them.
    key: "malloc_trim",
    env: {},
    hints: { trim: true },
    flags: ["--allow-ffi"],
  },
  {
    // The project's own setting: the server trims 5 s after a crowd has
    // left. Bare Deno ignores it, so its row is the defaults again.
    key: "MEMORY_TRIM",
    env: { MEMORY_TRIM: "true" },
    flags: ["--allow-ffi"],
  },
  {
    key: "trim+reducer",
    env: {
      DENO_V8_FLAGS:
        "--memory-reducer-delay-ms=1000,--memory-reducer-gc-count=4",
    },
    hints: { trim: true },
    flags: ["--allow-ffi"],
  },
  {
    // A full collection, then a trim, before each sample: the floor, what
    // is still referenced or in use.
    key: "gc+trim-diagnosis",
    env: { DENO_V8_FLAGS: "--expose-gc" },
    hints: { gc: true, trim: true },
    flags: ["--allow-ffi"],
  },
];

/** One server's figures for one candidate. */
interface Row {
  candidate: string;
  server: string;
  details: Record<string, number>;
  failures: string[];
}

/** Runs the candidates; returns the problems found. */
export async function runMemoryReturn(
  connections: number,
  watchMs: number,
  keys: string[] | undefined,
): Promise<string[]> {
  const problems: string[] = [];
  const chosen = CANDIDATES.filter((c) => !keys || keys.includes(c.key));
  const crowd = SCENARIOS.find((s) => s.key === "crowd")!;
  const timing = {
    warmupMs: 500,
    durationMs: 2000,
    idleConnections: 0,
    crowdConnections: connections,
    watchMs,
  };
  const options = crowd.fresh!(timing);
  console.log(
    `${connections} WebSockets held (${CROWD_ACTIVE} sending every ${CROWD_INTERVAL_MS} ms for 2 s), then all closed and watched for ${
      watchMs / 1000
    } s; candidates: ${chosen.map((c) => c.key).join(", ")}`,
  );
  const rows: Row[] = [];
  for (const candidate of chosen) {
    const spec: ScenarioSpec = {
      ...crowd,
      scenario: (t) => ({ ...crowd.scenario(t), hints: candidate.hints }),
    };
    const starts = [
      () =>
        startProject("project", {}, undefined, {
          ...options,
          env: { ...options.env, ...candidate.env },
          flags: candidate.flags,
        }),
      () =>
        startBaseline("baseline", 1, {
          ...options,
          env: candidate.env,
          flags: candidate.flags,
        }),
    ];
    for (const start of starts) {
      let server: Server | undefined;
      try {
        server = await start();
        const run = await runScenario(spec, timing, server.port, server.pid);
        const row = {
          candidate: candidate.key,
          server: server.name,
          details: run.result.details ?? {},
          failures: [...run.result.failures, ...run.result.notes ?? []],
        };
        rows.push(row);
        console.log(`  ${candidate.key} ${server.name}: ${line(row)}`);
        for (const failure of row.failures.slice(0, 3)) {
          console.log(`    ${failure}`);
        }
        if (run.result.failures.length > 0) {
          problems.push(`${candidate.key} ${server.name}: failures`);
        }
      } catch (error) {
        problems.push(`${candidate.key}: ${(error as Error).message}`);
      } finally {
        await server?.stop();
      }
    }
  }
  console.log(`\n${table(rows)}`);
  return problems;
}

const MIB = 1024 * 1024;
const mib = (n: number) => Number.isFinite(n) ? (n / MIB).toFixed(1) : "n/a";

function line(row: Row): string {
  const d = row.details;
  return `RSS ${formatBytes(d["before.rss"])} → ${
    formatBytes(d["open.rss"])
  } open → ${formatBytes(d["closed.rss"])} closed → ${
    formatBytes(d["watched.rss"])
  } after the watch; heapUsed ${formatBytes(d["watched.heapUsed"])}`;
}

function table(rows: Row[]): string {
  const header = [
    "Candidate",
    "Server",
    "RSS before",
    "all open",
    "1 s after close",
    "end of watch",
    "end/before",
    "back ≤1.5× after",
    "heapUsed / heapTotal at end",
    "external at end",
    "RssAnon / RssFile before",
    "RssAnon / RssFile at end",
  ];
  return "All figures MiB.\n\n" + markdownTable([
    header,
    ...rows.map(({ candidate, server, details: d }) => [
      candidate,
      server,
      mib(d["before.rss"]),
      mib(d["open.rss"]),
      mib(d["closed.rss"]),
      mib(d["watched.rss"]),
      `${(d["watched.rss"] / d["before.rss"]).toFixed(2)}×`,
      Number.isFinite(d.backAfterMs)
        ? `${(d.backAfterMs / 1000).toFixed(0)} s`
        : "no",
      `${mib(d["watched.heapUsed"])} / ${mib(d["watched.heapTotal"])}`,
      mib(d["watched.external"]),
      `${mib(d["before.anon"])} / ${mib(d["before.file"])}`,
      `${mib(d["watched.anon"])} / ${mib(d["watched.file"])}`,
    ]),
  ]);
}
