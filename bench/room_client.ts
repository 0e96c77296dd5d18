/**
 * The room scenario's client: one sender and many receiving members of one
 * room, in this one process so that each delivery's latency is read off one
 * clock (from the moment the sender queued the message to the moment its
 * last byte reached a member). The sender keeps `inFlight` messages
 * undelivered at most: a message counts once every member has it, so no
 * member falls behind and the figure is what the server fans out, not what
 * it queues. With `send: false` the members only listen (to a flooder of
 * another process) and count what reaches them.
 *
 * @module
 */

import { RawSocket } from "./raw_socket.ts";
import { RoomMember } from "./room_member.ts";
import type { ScenarioResult, TargetOptions } from "./scenario_result.ts";
import { cpuSeconds } from "./proc.ts";
import { Histogram } from "./stats.ts";
import { makeTemplate, type MessageShape } from "./template.ts";

/** A room of `receivers` members and, with `send`, one sender. */
export interface RoomScenario extends TargetOptions {
  kind: "room";
  room: string;
  receivers: number;
  /** Ports the members are dealt over in turn; the sender uses `port`. */
  memberPorts?: number[];
  /** Servers whose CPU time is summed (both processes of a Redis pair). */
  serverPids?: number[];
  send: boolean;
  shape: MessageShape;
  /** Messages sent and not yet delivered to every member, at most. */
  inFlight: number;
  warmupMs: number;
  durationMs: number;
}

/** The sender's template id; members check every byte against it. */
const SENDER_ID = 7;
const OPEN_CONCURRENCY = 64;
const DRAIN_MS = 10_000;
/** How long the room may take to span every member (Redis subscriptions). */
const READY_MS = 10_000;
/** Send times by sequence number, in a ring far larger than `inFlight`. */
const RING = 1 << 16;

/** Runs the room; `operations` counts deliveries in the measured window. */
export async function runRoom(s: RoomScenario): Promise<ScenarioResult> {
  const failures: string[] = [];
  const notes: string[] = [];
  const path = `${s.path ?? "/api/ws"}?room=${s.room}`;
  const ports = s.memberPorts ?? [s.port];
  const template = makeTemplate(s.shape, SENDER_ID);
  const shifted = [0, 1, 2, 3].map((shift) => {
    const copy = new Uint8Array(s.shape.bytes + 8);
    copy.set(template, shift);
    return copy;
  });
  const members = await openMembers(s, path, ports, shifted, failures);
  const latency = new Histogram();
  const sentAt = new Float64Array(RING);
  const receipts = new Uint32Array(RING);
  let measuring = false;
  let running = true;
  let operations = 0;
  let base = Infinity;
  let completed = 0;
  let sender: RawSocket | undefined;
  // Messages handed to the sender: its own count grows only as it writes.
  const queued = { count: 0 };

  const pump = () => {
    while (running && sender && queued.count - base - completed < s.inFlight) {
      sentAt[queued.count++ & (RING - 1)] = performance.now();
      sender.send(1);
    }
  };
  for (const member of members) {
    member.onDelivery = (seq) => {
      if (measuring) {
        operations++;
        if (s.send) {
          latency.record((performance.now() - sentAt[seq & (RING - 1)]) * 1000);
        }
      }
      if (seq < base) return;
      const slot = seq & (RING - 1);
      if (++receipts[slot] < members.length) return;
      receipts[slot] = 0;
      completed++;
      pump();
    };
  }

  if (s.send && failures.length === 0) {
    sender = await RawSocket.connect({
      port: s.port,
      path,
      shape: s.shape,
      id: SENDER_ID,
      readBufferBytes: 65_536,
    });
    if (await spanned(sender, queued, members, sentAt)) {
      base = queued.count;
      pump();
    } else {
      failures.push(
        `the room did not reach all ${members.length} members within ${READY_MS} ms`,
      );
    }
  }
  await sleep(s.warmupMs);
  const pids = s.serverPids ?? (s.serverPid ? [s.serverPid] : []);
  const started = performance.now();
  const client = cpuSeconds("self");
  const server = pids.reduce((n, pid) => n + cpuSeconds(pid), 0);
  measuring = true;
  await sleep(s.durationMs);
  measuring = false;
  const seconds = (performance.now() - started) / 1000;
  const clientCpuSeconds = cpuSeconds("self") - client;
  const serverCpuSeconds = pids.reduce((n, pid) => n + cpuSeconds(pid), 0) -
    server;
  running = false;

  if (sender && base !== Infinity) {
    const deadline = performance.now() + DRAIN_MS;
    while (completed < queued.count - base && performance.now() < deadline) {
      if (members.some((m) => m.failure !== null)) break;
      await sleep(20);
    }
    const missing = queued.count - base - completed;
    if (missing > 0) {
      failures.push(`${missing} messages did not reach every member`);
    }
    await sender.drain(DRAIN_MS);
    if (sender.inFlight > 0) {
      failures.push(`the sender missed ${sender.inFlight} of its own echoes`);
    }
  }
  const outcomes: Record<string, number> = {};
  for (const member of members) {
    if (member.failure !== null) failures.push(member.failure);
    if (member.closeCode !== null) {
      const label = `member closed ${member.closeCode} by the server`;
      outcomes[label] = (outcomes[label] ?? 0) + 1;
    }
  }
  if (sender?.failure) failures.push(`sender: ${sender.failure}`);
  await Promise.all([
    sender?.close(1000, DRAIN_MS),
    ...members.map((m) => m.close(DRAIN_MS)),
  ]);
  if (clientCpuSeconds / seconds > 0.9) {
    notes.push(
      `load generator: the room client used ${
        Math.round(clientCpuSeconds / seconds * 100)
      }% of a core, so it may be the limit`,
    );
  }
  const received = members.reduce((n, m) => n + m.received, 0);
  return {
    seconds,
    operations,
    bytes: operations * s.shape.bytes,
    latency: latency.toJSON(),
    clientCpuSeconds,
    serverCpuSeconds,
    sent: sender?.sent ?? 0,
    echoed: sender?.echoed ?? 0,
    details: {
      members: members.length,
      messages: base === Infinity ? 0 : queued.count - base,
      received,
    },
    outcomes,
    notes,
    failures,
  };
}

/** Opens the members, `OPEN_CONCURRENCY` at a time, dealt over `ports`. */
async function openMembers(
  s: RoomScenario,
  path: string,
  ports: number[],
  shifted: Uint8Array[],
  failures: string[],
): Promise<RoomMember[]> {
  const members: RoomMember[] = [];
  let next = 0;
  const opener = async () => {
    while (next < s.receivers && failures.length === 0) {
      const index = next++;
      try {
        members.push(
          await RoomMember.connect({
            port: ports[index % ports.length],
            path,
            shape: s.shape,
            // A listener cannot know a flooder's id: it checks the rest.
            shifted: s.send ? shifted : undefined,
            readBufferBytes: Math.min(256 * 1024, s.shape.bytes * 4 + 65_536),
          }),
        );
      } catch (error) {
        failures.push(`member ${index}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: OPEN_CONCURRENCY }, opener));
  return members;
}

/**
 * Sends single messages until one reaches every member: a member on another
 * process gets nothing until that process has subscribed to the room.
 */
async function spanned(
  sender: RawSocket,
  queued: { count: number },
  members: RoomMember[],
  sentAt: Float64Array,
): Promise<boolean> {
  const deadline = performance.now() + READY_MS;
  while (performance.now() < deadline) {
    const seq = queued.count++;
    sentAt[seq & (RING - 1)] = performance.now();
    sender.send(1);
    const wait = performance.now() + 200;
    while (performance.now() < wait) {
      await sleep(10);
      if (members.every((m) => m.last >= seq)) return true;
      if (members.some((m) => m.failure !== null)) return false;
    }
  }
  return false;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
