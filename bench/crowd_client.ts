/**
 * The crowd scenario: hold as many WebSockets as asked (19,000 by default),
 * a few hundred of them exchanging small messages on a steady beat, and
 * weigh the server before, with all open, and for a while after all closed.
 * Every attempt is classified, so a shortage of the load generator's own
 * (descriptors, ports) is told apart from the server refusing.
 *
 * @module
 */

import { HandshakeError, RawSocket } from "./raw_socket.ts";
import type { ScenarioResult, TargetOptions } from "./scenario_result.ts";
import { type ProbeHints, watchMemory, weigh } from "./memory_watch.ts";
import { cpuSeconds, openFileLimits } from "./proc.ts";
import { Histogram } from "./stats.ts";

/** `connections` held, `active` of them sending one message per `intervalMs`. */
export interface CrowdScenario extends TargetOptions {
  kind: "crowd";
  connections: number;
  active: number;
  intervalMs: number;
  warmupMs: number;
  durationMs: number;
  /** Pause before weighing the server, and after closing. */
  settleMs: number;
  /** How long memory is sampled after all closed. */
  watchMs: number;
  /** Whether the server answers `GET /__bench/memory` (bench/memory_probe.ts). */
  memoryProbe: boolean;
  /** What the server's probe does before each sample after closing. */
  hints?: ProbeHints;
}

/** Connections opened at once while ramping up. */
const OPEN_CONCURRENCY = 64;
/** Close handshakes under way at once while leaving. */
const CLOSE_CONCURRENCY = 256;
const DRAIN_MS = 10_000;
/** Descriptors the load client needs beyond its sockets. */
const SPARE_FILES = 64;
/** Errors that mean this process, not the server, ran short. */
const CLIENT_SHORTAGE =
  /Too many open files|os error 24|os error 23|Cannot assign requested address|os error 99|Address already in use|os error 98/i;

/** Runs the crowd; see the module doc. */
export async function runCrowd(s: CrowdScenario): Promise<ScenarioResult> {
  const failures: string[] = [];
  const notes: string[] = [];
  const outcomes: Record<string, number> = {};
  const count = (label: string) => outcomes[label] = (outcomes[label] ?? 0) + 1;
  const pid = s.serverPid ?? NaN;
  const mine = openFileLimits("self");
  if (mine.soft < s.connections + SPARE_FILES) {
    notes.push(
      `load generator: its open-file limit is ${mine.soft} (hard ${mine.hard}), short of the ${
        s.connections + SPARE_FILES
      } that ${s.connections} connections need`,
    );
  }
  const theirs = openFileLimits(pid);
  if (theirs.soft < s.connections + SPARE_FILES) {
    notes.push(
      `server: its open-file limit is ${theirs.soft}, short of ${
        s.connections + SPARE_FILES
      }`,
    );
  }

  await sleep(s.settleMs);
  const before = await weigh(s.port, pid, s.memoryProbe);
  const opening = performance.now();
  const sockets: RawSocket[] = [];
  // Whether opening slows as more are open: the first tenth against the last.
  const tenth = Math.floor(s.connections / 10);
  let firstTenth = NaN;
  let lastTenth = NaN;
  let next = 0;
  const opener = async () => {
    while (next < s.connections) {
      const id = next++;
      try {
        const socket = await RawSocket.connect({
          port: s.port,
          path: s.path,
          id,
          readBufferBytes: 1024,
        });
        socket.send(1);
        if (await socket.drain(DRAIN_MS)) {
          sockets.push(socket);
          if (sockets.length === tenth) firstTenth = performance.now();
          if (sockets.length === s.connections - tenth) {
            lastTenth = performance.now();
          }
        } else {
          failures.push(`socket ${id}: first echo missing`);
          socket.abort();
        }
      } catch (error) {
        count(classify(error));
      }
    }
  };
  await Promise.all(Array.from({ length: OPEN_CONCURRENCY }, opener));
  const opened = performance.now();
  const openSeconds = (opened - opening) / 1000;
  const short = Object.entries(outcomes)
    .filter(([label]) => label.startsWith("load generator"));
  for (const [label, n] of short) {
    notes.push(`${label} ×${n}: the load generator, not the server, ran short`);
  }

  // A steady beat for the active few; the rest stay idle and answer pings.
  const active = sockets.slice(0, s.active);
  const latency = new Histogram();
  let measuring = false;
  let operations = 0;
  for (const socket of active) {
    socket.onEcho = (rttMs) => {
      if (!measuring) return;
      operations++;
      latency.record(rttMs * 1000);
    };
  }
  // Each on its own phase of the beat: all at once would measure a burst.
  const beats: ReturnType<typeof setInterval>[] = [];
  const phases = active.map((socket, i) =>
    setTimeout(() => {
      beats.push(setInterval(() => {
        if (socket.inFlight === 0) socket.send(1);
      }, s.intervalMs));
    }, (i * s.intervalMs) / active.length)
  );
  await sleep(s.warmupMs);
  const started = performance.now();
  const client = cpuSeconds("self");
  const server = cpuSeconds(pid);
  measuring = true;
  await sleep(s.durationMs);
  measuring = false;
  const seconds = (performance.now() - started) / 1000;
  const clientCpuSeconds = cpuSeconds("self") - client;
  const serverCpuSeconds = cpuSeconds(pid) - server;
  for (const timer of phases) clearTimeout(timer);
  for (const timer of beats) clearInterval(timer);
  const drained = await Promise.all(active.map((x) => x.drain(DRAIN_MS)));
  const lost = sockets.reduce((n, x) => n + x.inFlight, 0);
  if (drained.includes(false) || lost > 0) {
    failures.push(`${lost} messages were never echoed`);
  }
  const ended = sockets.filter((x) => x.ended).length;
  if (ended > 0) failures.push(`${ended} held connections ended early`);
  for (const socket of sockets) {
    if (socket.failure !== null) failures.push(socket.failure);
  }
  const open = await weigh(s.port, pid, s.memoryProbe);

  // In waves, as they opened: 19,000 close frames at once would measure how
  // long the last waits in the queue, not whether each is answered.
  let closing = 0;
  const closer = async () => {
    while (closing < sockets.length) {
      await sockets[closing++].close(1000, DRAIN_MS);
    }
  };
  await Promise.all(Array.from({ length: CLOSE_CONCURRENCY }, closer));
  const unclean = sockets.filter((x) => x.closeCode !== 1000).length;
  if (unclean > 0) failures.push(`${unclean} closes were not answered 1000`);
  await sleep(s.settleMs);
  const watch = await watchMemory(
    s.port,
    pid,
    s.watchMs,
    s.memoryProbe,
    before.rss,
    s.hints,
  );
  return {
    seconds,
    operations,
    bytes: operations * 32,
    latency: latency.toJSON(),
    clientCpuSeconds,
    serverCpuSeconds,
    sent: sum(sockets, (x) => x.sent),
    echoed: sum(sockets, (x) => x.echoed),
    rssBefore: before.rss,
    rssAfter: open.rss,
    rssAfterClose: watch.samples[0]?.rss ?? NaN,
    details: {
      held: sockets.length,
      handshakeFailures: Object.values(outcomes).reduce((a, b) => a + b, 0),
      openSeconds,
      firstTenthSeconds: (firstTenth - opening) / 1000,
      lastTenthSeconds: (opened - lastTenth) / 1000,
      ...prefixed("before", before),
      ...prefixed("open", open),
      ...watch.figures,
    },
    outcomes,
    notes,
    failures,
  };
}

/** What a failed attempt to open a socket says about who ran short. */
function classify(error: unknown): string {
  if (error instanceof HandshakeError) return `server: HTTP ${error.status}`;
  const message = (error as Error).message;
  if (CLIENT_SHORTAGE.test(message)) {
    return `load generator: ${message.replace(/ \(os error \d+\)/, "")}`;
  }
  return `server: ${message.slice(0, 60)}`;
}

function prefixed(prefix: string, figures: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(figures).map(([k, v]) => [`${prefix}.${k}`, v]),
  );
}

function sum(sockets: RawSocket[], of: (socket: RawSocket) => number) {
  return sockets.reduce((total, socket) => total + of(socket), 0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
