/**
 * The benchmark's load client: drives an echo server over raw RFC 6455
 * sockets ({@linkcode RawSocket}) in three scenarios (echo traffic,
 * handshakes, idle connections) and reports figures and every failure.
 * Framework-free; `bench.ts` runs it as its own process, so its CPU time is
 * measured apart from the server's, and `stress.ts` imports it.
 *
 * As a program it takes one JSON {@linkcode Scenario} argument and prints one
 * JSON {@linkcode ScenarioResult} line.
 *
 * @module
 */

import { type CrowdScenario, runCrowd } from "./crowd_client.ts";
import { type FloodScenario, runFlood } from "./flood_client.ts";
import { cpuSeconds, rssBytes } from "./proc.ts";
import { RawSocket } from "./raw_socket.ts";
import type { ScenarioResult, TargetOptions } from "./scenario_result.ts";
import { Histogram } from "./stats.ts";
import type { MessageShape } from "./template.ts";

/** Sustained echo traffic with a fixed number of messages in flight. */
export interface EchoScenario extends TargetOptions {
  kind: "echo";
  connections: number;
  inFlight: number;
  shape: MessageShape;
  warmupMs: number;
  durationMs: number;
}

/** Connect, echo one message, close; repeated by `concurrency` loops. */
export interface HandshakeScenario extends TargetOptions {
  kind: "handshake";
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

/** Opens `connections` sockets and leaves them idle, to weigh each one. */
export interface IdleScenario extends TargetOptions {
  kind: "idle";
  connections: number;
  settleMs: number;
}

/** One run of the load client. */
export type Scenario =
  | EchoScenario
  | HandshakeScenario
  | IdleScenario
  | FloodScenario
  | CrowdScenario;

/** Connections opened at once while ramping up. */
const OPEN_CONCURRENCY = 64;
/** Longest wait for outstanding echoes and close handshakes. */
const DRAIN_MS = 10_000;

/** Runs one scenario. */
export function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  switch (scenario.kind) {
    case "echo":
      return runEcho(scenario);
    case "handshake":
      return runHandshakes(scenario);
    case "idle":
      return runIdle(scenario);
    case "flood":
      return runFlood(scenario);
    case "crowd":
      return runCrowd(scenario);
  }
}

/** Sustained echo traffic; every echo is checked byte for byte. */
export async function runEcho(s: EchoScenario): Promise<ScenarioResult> {
  const failures: string[] = [];
  const sockets = await openSockets(s, s.connections, s.shape, failures);
  const latency = new Histogram();
  let running = true;
  let measuring = false;
  let operations = 0;
  for (const socket of sockets) {
    socket.onEcho = (rttMs) => {
      if (measuring) {
        operations++;
        latency.record(rttMs * 1000);
      }
      if (running) socket.send(1);
    };
    socket.send(s.inFlight);
  }
  await sleepUnlessFailed(s.warmupMs, sockets);
  const window = startWindow(s.serverPid);
  measuring = true;
  await sleepUnlessFailed(s.durationMs, sockets);
  measuring = false;
  const measured = window.end();
  running = false;
  const drained = await Promise.all(sockets.map((x) => x.drain(DRAIN_MS)));
  const lost = sockets.reduce((n, x) => n + x.inFlight, 0);
  if (drained.includes(false) || lost > 0) {
    failures.push(`${lost} messages were never echoed`);
  }
  await closeSockets(sockets, failures);
  return {
    ...measured,
    operations,
    bytes: operations * s.shape.bytes,
    latency: latency.toJSON(),
    sent: sum(sockets, (x) => x.sent),
    echoed: sum(sockets, (x) => x.echoed),
    failures,
  };
}

/** Handshakes per second: each cycle connects, echoes 32 B and closes. */
export async function runHandshakes(
  s: HandshakeScenario,
): Promise<ScenarioResult> {
  const failures: string[] = [];
  const latency = new Histogram();
  let running = true;
  let measuring = false;
  let operations = 0;
  let sent = 0;
  let echoed = 0;
  let id = 0;
  const loop = async () => {
    while (running && failures.length === 0) {
      const started = performance.now();
      try {
        const socket = await RawSocket.connect({
          port: s.port,
          path: s.path,
          id: id++,
          readBufferBytes: 4096,
        });
        socket.send(1);
        await socket.drain(DRAIN_MS);
        await socket.close(1000, DRAIN_MS);
        sent += socket.sent;
        echoed += socket.echoed;
        checkClosed(socket, failures);
      } catch (error) {
        failures.push(`handshake cycle: ${(error as Error).message}`);
      }
      if (measuring) {
        operations++;
        latency.record((performance.now() - started) * 1000);
      }
    }
  };
  const loops = Array.from({ length: s.concurrency }, loop);
  await sleep(s.warmupMs);
  const window = startWindow(s.serverPid);
  measuring = true;
  await sleep(s.durationMs);
  measuring = false;
  const measured = window.end();
  running = false;
  await Promise.all(loops);
  return {
    ...measured,
    operations,
    bytes: operations * 32,
    latency: latency.toJSON(),
    sent,
    echoed,
    failures,
  };
}

/** Server memory before and after opening idle connections. */
export async function runIdle(s: IdleScenario): Promise<ScenarioResult> {
  const failures: string[] = [];
  const pid = s.serverPid ?? NaN;
  await sleep(s.settleMs);
  const rssBefore = rssBytes(pid);
  const window = startWindow(s.serverPid);
  const sockets = await openSockets(s, s.connections, undefined, failures, {
    readBufferBytes: 1024,
    echoFirst: true,
  });
  await sleep(s.settleMs);
  const rssAfter = rssBytes(pid);
  const measured = window.end();
  await closeSockets(sockets, failures);
  await sleep(s.settleMs);
  return {
    ...measured,
    operations: sockets.length,
    bytes: 0,
    latency: [],
    sent: sum(sockets, (x) => x.sent),
    echoed: sum(sockets, (x) => x.echoed),
    rssBefore,
    rssAfter,
    rssAfterClose: rssBytes(pid),
    failures,
  };
}

/** Opens `count` sockets, `OPEN_CONCURRENCY` at a time. */
export async function openSockets(
  target: TargetOptions,
  count: number,
  shape: MessageShape | undefined,
  failures: string[],
  options: { readBufferBytes?: number; echoFirst?: boolean; idBase?: number } =
    {},
): Promise<RawSocket[]> {
  const sockets: RawSocket[] = [];
  let next = 0;
  const opener = async () => {
    while (next < count && failures.length === 0) {
      const id = (options.idBase ?? 0) + next++;
      try {
        const socket = await RawSocket.connect({
          port: target.port,
          path: target.path,
          shape,
          id,
          readBufferBytes: options.readBufferBytes ??
            Math.min(256 * 1024, Math.max(65_536, (shape?.bytes ?? 0) + 14)),
        });
        sockets.push(socket);
        if (options.echoFirst) {
          socket.send(1);
          if (!await socket.drain(DRAIN_MS)) {
            failures.push(`socket ${id}: first echo missing`);
          }
        }
      } catch (error) {
        failures.push(`socket ${id}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(OPEN_CONCURRENCY, count) }, opener),
  );
  return sockets;
}

/** Closes sockets with 1000 and records any that failed or closed oddly. */
export async function closeSockets(
  sockets: RawSocket[],
  failures: string[],
): Promise<void> {
  await Promise.all(sockets.map((socket) => socket.close(1000, DRAIN_MS)));
  for (const socket of sockets) checkClosed(socket, failures);
}

function checkClosed(socket: RawSocket, failures: string[]): void {
  if (socket.failure !== null) failures.push(socket.failure);
  else if (socket.closeCode !== 1000) {
    failures.push(`server closed with ${socket.closeCode ?? "no close frame"}`);
  }
}

function startWindow(serverPid: number | undefined) {
  const started = performance.now();
  const client = cpuSeconds("self");
  const server = serverPid ? cpuSeconds(serverPid) : NaN;
  return {
    end: () => ({
      seconds: (performance.now() - started) / 1000,
      clientCpuSeconds: cpuSeconds("self") - client,
      serverCpuSeconds: serverPid ? cpuSeconds(serverPid) - server : NaN,
    }),
  };
}

function sum(sockets: RawSocket[], of: (socket: RawSocket) => number) {
  return sockets.reduce((total, socket) => total + of(socket), 0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sleeps in 50 ms steps, returning early once any socket has failed. */
async function sleepUnlessFailed(ms: number, sockets: RawSocket[]) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    await sleep(Math.min(50, end - performance.now()));
    if (sockets.some((socket) => socket.failure !== null)) return;
  }
}

if (import.meta.main) {
  const scenario = JSON.parse(Deno.args[0]) as Scenario;
  // A hard stop, so a wedged run cannot outlive its benchmark.
  const limitMs = scenario.kind === "crowd" ? 240_000 : 120_000;
  const limit = setTimeout(() => {
    console.error("load client: over its time limit");
    Deno.exit(3);
  }, limitMs);
  const result = await runScenario(scenario);
  clearTimeout(limit);
  console.log(JSON.stringify(result));
}
