/**
 * The benchmark's scenarios, and running one in its own load-client process
 * so that the client's CPU time is measured apart from the server's.
 *
 * @module
 */

import { join } from "node:path";
import type { Scenario } from "./load_client.ts";
import type { ScenarioResult } from "./scenario_result.ts";
import type { Run, ScenarioSpec, Timing } from "./scenario_spec.ts";
import { track, withOpenFiles } from "./servers.ts";
import { LIMIT_SCENARIOS } from "./limit_scenarios.ts";
import { Histogram } from "./stats.ts";

const TEXT_32 = { binary: false, bytes: 32 };
const perSecond = (r: ScenarioResult) => r.operations / r.seconds;

/** Every scenario, in the order they run. */
export const SCENARIOS: ScenarioSpec[] = [
  {
    key: "latency",
    title: "Latency: 1 connection, 1 × 32 B text in flight",
    unit: "msg/s",
    higherIsBetter: true,
    latency: true,
    scenario: (t) => ({
      kind: "echo",
      connections: 1,
      inFlight: 1,
      shape: TEXT_32,
      ...t,
    }),
    figure: perSecond,
  },
  {
    key: "pingpong",
    title: "64 connections ping-pong, 32 B text",
    unit: "msg/s",
    higherIsBetter: true,
    latency: true,
    scenario: (t) => ({
      kind: "echo",
      connections: 64,
      inFlight: 1,
      shape: TEXT_32,
      ...t,
    }),
    figure: perSecond,
  },
  {
    key: "pipelined",
    title: "16 connections × 16 in flight, 1 KiB binary",
    unit: "msg/s",
    higherIsBetter: true,
    latency: true,
    scenario: (t) => ({
      kind: "echo",
      connections: 16,
      inFlight: 16,
      shape: { binary: true, bytes: 1024 },
      ...t,
    }),
    figure: perSecond,
  },
  {
    key: "bulk",
    title: "4 connections × 4 in flight, 1 MiB binary",
    unit: "MB/s",
    higherIsBetter: true,
    latency: true,
    scenario: (t) => ({
      kind: "echo",
      connections: 4,
      inFlight: 4,
      shape: { binary: true, bytes: 1024 * 1024 },
      ...t,
    }),
    figure: (r) => r.bytes / r.seconds / 1e6,
  },
  {
    key: "text",
    title: "4 connections × 4 in flight, 1 MiB text",
    unit: "MB/s",
    higherIsBetter: true,
    latency: true,
    scenario: (t) => ({
      kind: "echo",
      connections: 4,
      inFlight: 4,
      shape: { binary: false, bytes: 1024 * 1024 },
      ...t,
    }),
    figure: (r) => r.bytes / r.seconds / 1e6,
  },
  {
    key: "handshake",
    title: "Handshakes: connect, echo 32 B, close (16 at a time)",
    unit: "cycles/s",
    higherIsBetter: true,
    latency: true,
    scenario: (t) => ({ kind: "handshake", concurrency: 16, ...t }),
    figure: perSecond,
  },
  {
    key: "idle",
    title: "Idle connections: server RSS per connection",
    unit: "KiB/conn",
    higherIsBetter: false,
    latency: false,
    fresh: () => ({}),
    scenario: (t) => ({
      kind: "idle",
      connections: t.idleConnections,
      settleMs: 1000,
    }),
    figure: (r) => (r.rssAfter! - r.rssBefore!) / r.operations / 1024,
  },
  ...LIMIT_SCENARIOS,
];

const CLIENT = join(import.meta.dirname!, "load_client.ts");

/** Runs `spec` against the server on `port` in a load-client process. */
export async function runScenario(
  spec: ScenarioSpec,
  timing: Timing,
  port: number,
  serverPid: number,
): Promise<Run> {
  const scenario = { ...spec.scenario(timing), port, serverPid } as Scenario;
  const bystander = spec.bystander
    ? { ...spec.bystander(timing), port, serverPid } as Scenario
    : undefined;
  const [main, side] = await Promise.all([
    runClient(scenario, spec.clientOpenFiles?.(timing)),
    bystander ? runClient(bystander) : undefined,
  ]);
  const result = side ? withBystander(main, side) : main;
  const latency = new Histogram();
  latency.merge(result.latency);
  return {
    figure: spec.figure(result),
    p50Us: latency.percentile(0.5),
    p99Us: latency.percentile(0.99),
    maxUs: latency.percentile(1),
    samples: latency.count,
    serverCpu: (result.serverCpuSeconds / result.seconds) * 100,
    clientCpu: (result.clientCpuSeconds / result.seconds) * 100,
    result,
  };
}

/** The scenario's figures with the bystander's round trips and failures. */
function withBystander(
  main: ScenarioResult,
  side: ScenarioResult,
): ScenarioResult {
  return {
    ...main,
    latency: side.latency,
    sent: main.sent + side.sent,
    echoed: main.echoed + side.echoed,
    details: { ...main.details, bystanderEchoes: side.operations },
    failures: [
      ...main.failures,
      ...side.failures.map((f) => `well-behaved client: ${f}`),
    ],
  };
}

async function runClient(
  scenario: Scenario,
  openFiles?: number,
): Promise<ScenarioResult> {
  const run = withOpenFiles(
    // Deno reads /proc/<pid>/stat only with every permission.
    ["run", "-A", CLIENT, JSON.stringify(scenario)],
    openFiles,
  );
  const child = new Deno.Command(run.command, {
    args: run.args,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const untrack = track(child);
  let output: Deno.CommandOutput;
  try {
    output = await child.output();
  } finally {
    untrack();
  }
  const text = new TextDecoder().decode(output.stdout).trim();
  if (!output.success || !text) {
    throw new Error(
      `load client failed (${output.code}): ${
        new TextDecoder().decode(output.stderr).slice(-2000)
      }`,
    );
  }
  return JSON.parse(text.split("\n").at(-1)!) as ScenarioResult;
}
