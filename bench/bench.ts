/**
 * `deno task bench [--quick] [--only=a,b] [--project=DIR] [--out=FILE]
 * [--rounds=N] [--duration=MS] [--idle=N] [--crowd=N] [--watch=MS]
 * [--project-env=K=V]… [--server-env=K=V]…`:
 * compares the project's server, started as `deno task start` starts it,
 * with a bare `Deno.serve` echo, in interleaved rounds on 127.0.0.1; then
 * 1 vs 2 workers, the cost of LOG_MESSAGES, and the page. Prints medians
 * and writes `bench/RESULTS.md`. Exits non-zero when any echo was wrong or
 * lost. `--project-env` adds a setting to every project server started,
 * `--server-env` (e.g. `MALLOC_ARENA_MAX=2`, `DENO_V8_FLAGS=…`) to the
 * baseline's too.
 *
 * @module
 */

import { join, resolve } from "node:path";
import { pathToFileURL as toFileUrl } from "node:url";
import { envFlag, integerFlag, parseFlags } from "./flags.ts";
import { CROWD_ACTIVE } from "./limit_scenarios.ts";
import { measurePage, type PageFigures } from "./page.ts";
import { machine } from "./proc.ts";
import { renderReport, type Section } from "./report.ts";
import { benchRooms, type RoomFigures } from "./room_bench.ts";
import { renderRooms } from "./room_report.ts";
import {
  extractSection,
  PAGE_CONNECTIONS_HEADING,
  PAGE_LOAD_HEADING,
  replaceSection,
  ROOMS_HEADING,
} from "./sections.ts";
import { runScenario, SCENARIOS } from "./scenarios.ts";
import type { Run, ScenarioSpec, Timing } from "./scenario_spec.ts";
import {
  type Server,
  startBaseline,
  type StartOptions,
  startProject,
  stopAll,
} from "./servers.ts";
import { formatNumber } from "./stats.ts";

const USAGE =
  "deno task bench [--quick] [--only=a,b] [--project=DIR] [--out=FILE] [--rounds=N] [--duration=MS] [--idle=N] [--crowd=N] [--watch=MS] [--project-env=K=V]… [--server-env=K=V]…";
const flags = parseFlags(Deno.args, {
  quick: { type: "boolean" },
  only: { type: "string" },
  project: { type: "string" },
  out: { type: "string" },
  rounds: { type: "string" },
  duration: { type: "string" },
  idle: { type: "string" },
  crowd: { type: "string" },
  watch: { type: "string" },
  "project-env": { type: "string", multiple: true },
  "server-env": { type: "string", multiple: true },
}, USAGE);
const serverEnv = envFlag("server-env", flags["server-env"]);
const projectEnv = {
  ...serverEnv,
  ...envFlag("project-env", flags["project-env"]),
};
const quick = flags.quick ?? false;
const only = flags.only?.split(",");
const PARTS = [
  ...SCENARIOS.map((s) => s.key),
  "page",
  "logging",
  "workers",
  "room",
];
const unknown = only?.filter((part) => !PARTS.includes(part)) ?? [];
if (unknown.length > 0) {
  console.error(
    `--only names ${JSON.stringify(unknown.join(","))}, expected some of ${
      PARTS.join(",")
    }`,
  );
  Deno.exit(2);
}
const projectRoot = flags.project === undefined
  ? undefined
  : resolve(flags.project);
const wants = (key: string) => !only || only.includes(key);

const ROUNDS = integerFlag("rounds", flags.rounds, 3);
const MAIN: Timing = quick
  ? {
    warmupMs: 200,
    durationMs: 600,
    idleConnections: 1000,
    crowdConnections: 2000,
    watchMs: 5000,
  }
  : {
    warmupMs: 500,
    durationMs: 3000,
    idleConnections: 5000,
    crowdConnections: 19_000,
    watchMs: 30_000,
  };
MAIN.durationMs = integerFlag("duration", flags.duration, MAIN.durationMs);
MAIN.idleConnections = integerFlag(
  "idle",
  flags.idle,
  MAIN.idleConnections,
  0,
);
MAIN.crowdConnections = integerFlag(
  "crowd",
  flags.crowd,
  MAIN.crowdConnections,
  CROWD_ACTIVE,
);
MAIN.watchMs = integerFlag("watch", flags.watch, MAIN.watchMs, 0);
const EXTRA: Timing = quick
  ? { ...MAIN, warmupMs: 200, durationMs: 500, idleConnections: 0 }
  : { ...MAIN, warmupMs: 400, durationMs: 2000, idleConnections: 0 };
const EXTRA_ROUNDS = quick ? 2 : 3;
const PAGE_REQUESTS = quick ? 30 : 200;
const THROUGHPUT = ["pingpong", "pipelined", "bulk", "handshake"];

const failures: string[] = [];
const began = performance.now();

Deno.addSignalListener("SIGINT", () => {
  console.error("\nInterrupted: stopping every process the bench started");
  stopAll();
  Deno.exit(130);
});

/**
 * Runs `spec` in `rounds` rounds over `servers`, interleaved (A B A B …),
 * printing each run; returns the runs by server name.
 */
async function interleave(
  spec: ScenarioSpec,
  servers: Server[],
  rounds: number,
  timing: Timing,
  firstRound = 1,
): Promise<Map<string, Run[]>> {
  const runs = new Map(servers.map((s) => [s.name, [] as Run[]]));
  for (let round = firstRound; round < firstRound + rounds; round++) {
    for (const server of servers) {
      try {
        const run = await runScenario(spec, timing, server.port, server.pid);
        if (run.result.failures.length > 0) {
          const shown = run.result.failures.slice(0, 3).join("; ");
          failures.push(`${spec.key} ${server.name}: ${shown}`);
          console.log(
            `  ${spec.key} r${round} ${server.name}: FAILED ${shown}`,
          );
          continue;
        }
        runs.get(server.name)!.push(run);
        console.log(
          `  ${spec.key} r${round} ${server.name.padEnd(16)} ${
            describe(spec, run)
          }`,
        );
      } catch (error) {
        failures.push(
          `${spec.key} ${server.name}: ${(error as Error).message}`,
        );
        console.log(
          `  ${spec.key} r${round} ${server.name}: FAILED ${
            (error as Error).message
          }`,
        );
      }
    }
  }
  return runs;
}

function describe(spec: ScenarioSpec, run: Run): string {
  const figure = `${
    run.figure.toFixed(spec.unit === "KiB/conn" ? 2 : 0)
  } ${spec.unit}`;
  const latency = spec.latency
    ? `  p50 ${run.p50Us.toFixed(0)} µs  p99 ${run.p99Us.toFixed(0)} µs`
    : "";
  const lines = [
    `${figure.padStart(16)}${latency}  server CPU ${
      run.serverCpu.toFixed(0)
    }%  client CPU ${run.clientCpu.toFixed(0)}%`,
  ];
  if (spec.rows) {
    lines.push(
      spec.rows.map((row) => `${row.label} ${formatNumber(row.of(run))}`)
        .join(", "),
    );
  }
  const outcomes = Object.entries(run.result.outcomes ?? {});
  if (outcomes.length > 0) {
    lines.push(
      `connections ended: ${
        outcomes.map(([label, n]) => `${label} ×${n}`).join(", ")
      }`,
    );
  }
  lines.push(...run.result.notes ?? []);
  return lines.join("\n      ");
}

async function withServers<T>(
  starts: (() => Promise<Server>)[],
  body: (servers: Server[]) => Promise<T>,
): Promise<T> {
  const servers: Server[] = [];
  try {
    for (const start of starts) servers.push(await start());
    return await body(servers);
  } finally {
    for (const server of servers) await server.stop();
  }
}

const project = (
  name: string,
  env: Record<string, string> = {},
  options: StartOptions = {},
) =>
() =>
  startProject(name, { ...env, ...projectEnv }, projectRoot, {
    ...options,
    env: { ...options.env, ...projectEnv },
  });
const baseline =
  (name: string, workers = 1, options: StartOptions = {}) => () =>
    startBaseline(name, workers, {
      ...options,
      env: { ...options.env, ...serverEnv },
    });
const sections: Section[] = [];
let page: PageFigures | undefined;
let metricsCheck = "";
let rooms: RoomFigures | undefined;

try {
  const info = machine();
  console.log(
    `Machine: ${info.cpu}, ${info.cores} cores, ${info.memory} RAM; Deno ${Deno.version.deno}; ${
      quick ? "quick" : "full"
    } run, ${ROUNDS} interleaved rounds`,
  );

  // The main comparison, one worker each, on two long-lived servers.
  const main = SCENARIOS.filter((s) => !s.fresh && wants(s.key));
  if (main.length > 0 || wants("page") || wants("logging")) {
    await withServers(
      [project("project"), baseline("baseline")],
      async ([p, b]) => {
        if (wants("page")) {
          console.log("Page: GET / on the project");
          page = await measurePage(
            p.port,
            PAGE_REQUESTS,
            toFileUrl(
              join(projectRoot ?? join(import.meta.dirname!, ".."), "_fresh/"),
            ),
          );
        }
        for (const spec of main) {
          console.log(spec.title);
          const runs = await interleave(spec, [p, b], ROUNDS, MAIN);
          sections.push({ group: "main", spec, runs });
        }
        metricsCheck = await checkMetrics(p, sections);
        if (wants("logging")) {
          await withServers(
            [project("LOG_MESSAGES=true", { LOG_MESSAGES: "true" })],
            async ([logged]) => {
              const spec = SCENARIOS.find((s) => s.key === "pingpong")!;
              console.log(`LOG_MESSAGES cost: ${spec.title}`);
              const before = logged.logBytes();
              const runs = await interleave(
                spec,
                [p, logged],
                EXTRA_ROUNDS,
                EXTRA,
              );
              const messages = runs.get(logged.name)!.reduce(
                (n, r) => n + r.result.echoed,
                0,
              );
              sections.push({
                group: "logging",
                spec,
                runs,
                note: `log written with LOG_MESSAGES=true: ${
                  ((logged.logBytes() - before) / Math.max(1, messages))
                    .toFixed(1)
                } bytes per message`,
              });
            },
          );
        }
      },
    );
  }

  // Fresh servers each round, so "before" is a clean start and no run
  // inherits another's state (idle memory, the flood, the crowd).
  for (const spec of SCENARIOS.filter((s) => s.fresh && wants(s.key))) {
    const count = spec.key === "idle"
      ? ` (${MAIN.idleConnections} connections)`
      : spec.key === "crowd"
      ? ` (${MAIN.crowdConnections} connections)`
      : "";
    console.log(`${spec.title}${count}`);
    const options = spec.fresh!(MAIN);
    const runs = new Map<string, Run[]>([["project", []], ["baseline", []]]);
    for (let round = 1; round <= ROUNDS; round++) {
      for (
        const start of [
          project("project", {}, options),
          baseline("baseline", 1, options),
        ]
      ) {
        await withServers([start], async ([server]) => {
          const one = await interleave(spec, [server], 1, MAIN, round);
          runs.get(server.name)!.push(...one.get(server.name)!);
        });
      }
    }
    sections.push({ group: "main", spec, runs });
  }

  // Two workers, for the throughput scenarios.
  if (wants("workers")) {
    await withServers(
      [project("project 2w", { WORKERS: "2" }), baseline("baseline 2w", 2)],
      async (servers) => {
        for (
          const spec of SCENARIOS.filter((s) => THROUGHPUT.includes(s.key))
        ) {
          console.log(`WORKERS=2: ${spec.title}`);
          const runs = await interleave(spec, servers, EXTRA_ROUNDS, EXTRA);
          sections.push({ group: "workers", spec, runs });
        }
      },
    );
  }

  if (wants("room")) {
    rooms = await benchRooms({
      rounds: ROUNDS,
      warmupMs: MAIN.warmupMs,
      durationMs: MAIN.durationMs,
      startProject: (name, env, options) => project(name, env, options)(),
      startBaseline: (name, options) => baseline(name, 1, options)(),
      log: (line) => console.log(line),
    });
    failures.push(...rooms.failures.map((f) => `room ${f}`));
  }
} catch (error) {
  failures.push(`bench: ${(error as Error).message}`);
  console.error(error);
} finally {
  stopAll();
}

const seconds = (performance.now() - began) / 1000;
const command = `deno task bench${
  Deno.args.length ? " " + Deno.args.join(" ") : ""
}`;
const report = renderReport({
  command,
  machine: machine(),
  deno: Deno.version.deno,
  date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  seconds,
  rounds: ROUNDS,
  timing: MAIN,
  extraRounds: EXTRA_ROUNDS,
  extraTiming: EXTRA,
  sections,
  page,
  metricsCheck,
  failures,
});
const roomSection = rooms &&
  renderRooms({
    command,
    machine: machine(),
    deno: Deno.version.deno,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    rounds: ROUNDS,
    warmupMs: MAIN.warmupMs,
    durationMs: MAIN.durationMs,
    figures: rooms,
  });
console.log("\n" + report);
if (roomSection) console.log(roomSection);
const results = join(import.meta.dirname!, "RESULTS.md");
const out = flags.out ?? (projectRoot || only ? undefined : results);
if (out) {
  // Sections of other runs (bench/page_load.ts, --only=room) are kept.
  const previous = readOr(out);
  let text = report;
  for (
    const heading of [
      ROOMS_HEADING,
      PAGE_LOAD_HEADING,
      PAGE_CONNECTIONS_HEADING,
    ]
  ) {
    const section = heading === ROOMS_HEADING && roomSection
      ? roomSection
      : extractSection(previous, heading);
    if (section) text = replaceSection(text, heading, section);
  }
  await writeFormatted(out, text);
} else if (roomSection && !projectRoot) {
  // `--only=room`: its section replaces the old one in bench/RESULTS.md.
  await writeFormatted(
    results,
    replaceSection(readOr(results), ROOMS_HEADING, roomSection),
  );
}
Deno.exit(failures.length > 0 ? 1 : 0);

function readOr(path: string): string {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    // No earlier report: nothing to keep.
    return "";
  }
}

/** Writes `text` in `deno fmt` style, so the repository's format check passes. */
async function writeFormatted(path: string, text: string): Promise<void> {
  Deno.writeTextFileSync(path, text);
  await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--quiet", path],
    stdout: "null",
    stderr: "null",
  }).output();
  console.log(`Written to ${path}`);
}

/** Compares the project's /metrics with what the clients sent it. */
async function checkMetrics(server: Server, done: Section[]): Promise<string> {
  const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`))
    .text();
  const value = (name: string) =>
    Number(
      new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)$`, "m").exec(text)?.[1] ??
        NaN,
    );
  let sent = 0;
  let echoed = 0;
  for (const section of done) {
    for (const run of section.runs.get(server.name) ?? []) {
      sent += run.result.sent;
      echoed += run.result.echoed;
    }
  }
  const received = value("echo_messages_received_total");
  const answered = value("echo_messages_sent_total");
  const ok = received === sent && answered === echoed;
  const line =
    `/metrics after the main runs: received ${received}, sent ${answered}; ` +
    `clients sent ${sent}, verified ${echoed} echoes: ${
      ok ? "consistent" : "MISMATCH"
    }`;
  console.log(line);
  return line;
}
