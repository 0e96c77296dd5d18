/**
 * The flood scenario's flooders: clients that pipeline maximum-size
 * messages, a few in flight each, for the whole run. A flooder the server
 * closes (a limit) or drops is counted by how it ended and reconnects at
 * once, so the flood lasts as long as the run does. Every echo is still
 * checked byte for byte. The well-behaved client whose round trips the
 * scenario reports runs in a process of its own (an `echo` scenario), so
 * checking the flood's echoes cannot delay it.
 *
 * @module
 */

import { HandshakeError, RawSocket } from "./raw_socket.ts";
import type { MessageShape } from "./template.ts";
import type { ScenarioResult, TargetOptions } from "./scenario_result.ts";
import { cpuSeconds } from "./proc.ts";

/** Flooders pipelining `shape` messages, `inFlight` at a time each. */
export interface FloodScenario extends TargetOptions {
  kind: "flood";
  flooders: number;
  inFlight: number;
  shape: MessageShape;
  warmupMs: number;
  durationMs: number;
}

/** Longest wait for outstanding echoes and close handshakes. */
const DRAIN_MS = 10_000;
/** Wait before reconnecting after a refused connection attempt. */
const RETRY_MS = 100;

/** Runs the flood; `outcomes` says how each flooder connection ended. */
export async function runFlood(s: FloodScenario): Promise<ScenarioResult> {
  const failures: string[] = [];
  const outcomes: Record<string, number> = {};
  const count = (label: string) => outcomes[label] = (outcomes[label] ?? 0) + 1;
  let running = true;
  let measuring = false;
  let operations = 0;
  let sent = 0;
  let echoed = 0;
  let reconnects = 0;
  const open = new Set<RawSocket>();

  const flooder = async (index: number) => {
    for (let attempt = 0; running; attempt++) {
      if (attempt > 0) reconnects++;
      let socket: RawSocket;
      try {
        socket = await RawSocket.connect({
          port: s.port,
          path: s.path,
          shape: s.shape,
          id: index * 100_000 + attempt,
          readBufferBytes: 256 * 1024,
        });
      } catch (error) {
        count(
          error instanceof HandshakeError
            ? `refused: HTTP ${error.status}`
            : `refused: ${(error as Error).message.slice(0, 60)}`,
        );
        await sleep(RETRY_MS);
        continue;
      }
      if (!running) {
        // Connected after the end: nobody else will close it.
        await socket.close(1000, DRAIN_MS);
        break;
      }
      open.add(socket);
      socket.onEcho = () => {
        if (measuring) operations++;
        if (running) socket.send(1);
      };
      socket.send(s.inFlight);
      await socket.closed;
      open.delete(socket);
      sent += socket.sent;
      echoed += socket.echoed;
      if (!running && socket.closeCode === 1000) break;
      count(ending(socket, failures));
    }
  };
  const loops = Array.from({ length: s.flooders }, (_, i) => flooder(i));
  await sleep(s.warmupMs);
  const started = performance.now();
  const client = cpuSeconds("self");
  const server = s.serverPid ? cpuSeconds(s.serverPid) : NaN;
  measuring = true;
  await sleep(s.durationMs);
  measuring = false;
  const seconds = (performance.now() - started) / 1000;
  const clientCpuSeconds = cpuSeconds("self") - client;
  const serverCpuSeconds = s.serverPid ? cpuSeconds(s.serverPid) - server : NaN;
  running = false;
  // Those still open get their echoes, then close normally.
  const stillOpen = [...open];
  const drained = await Promise.all(stillOpen.map((x) => x.drain(DRAIN_MS)));
  const lost = stillOpen.reduce((n, x) => n + x.inFlight, 0);
  if (drained.includes(false) || lost > 0) {
    failures.push(`${lost} messages on open flooders were never echoed`);
  }
  if (stillOpen.length > 0) {
    outcomes["still open at the end"] = stillOpen.length;
  }
  await Promise.all(stillOpen.map((x) => x.close(1000, DRAIN_MS)));
  await Promise.all(loops);
  return {
    seconds,
    operations,
    bytes: operations * s.shape.bytes,
    latency: [],
    clientCpuSeconds,
    serverCpuSeconds,
    sent,
    echoed,
    details: { reconnects },
    outcomes,
    failures,
  };
}

/**
 * How a flooder's connection ended: a close code and reason, or a drop.
 * A wrong echo is a failure of the server, recorded in `failures`.
 */
function ending(socket: RawSocket, failures: string[]): string {
  if (socket.closeCode !== null) {
    return `close ${socket.closeCode}${
      socket.closeReason ? ` "${socket.closeReason}"` : ""
    }`;
  }
  const failure = socket.failure ?? "";
  if (/^(read|write) failed/.test(failure)) {
    return /reset/i.test(failure) ? "reset without a close frame" : failure;
  }
  if (failure) {
    failures.push(failure);
    return "wrong echo";
  }
  return "dropped without a close frame";
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
