/**
 * `deno task bench --only=room`: rooms against the bare broadcast loop in
 * interleaved rounds, the same rooms split over two processes through a real
 * Redis, and one member flooding a room beside a well-behaved client in
 * another room. Each load runs in client processes of their own.
 *
 * @module
 */

import { startRedis } from "../tests/redis_server.ts";
import { DEFAULT_CONFIG } from "../core/config.ts";
import { FLOOD_IN_FLIGHT } from "./limit_scenarios.ts";
import type { RoomScenario } from "./room_client.ts";
import { runClient, toRun } from "./scenarios.ts";
import type { Run } from "./scenario_spec.ts";
import { atStopAll, type Server, type StartOptions } from "./servers.ts";
import { formatNumber } from "./stats.ts";
import type { MessageShape } from "./template.ts";

/** One room size and message shape. */
export interface RoomCase {
  key: string;
  receivers: number;
  shape: MessageShape;
}

const TEXT_32: MessageShape = { binary: false, bytes: 32 };

/** Receivers of one sender, and what it sends. */
export const ROOM_CASES: RoomCase[] = [100, 1000].flatMap((receivers) => [
  { key: `${receivers} × 32 B text`, receivers, shape: TEXT_32 },
  {
    key: `${receivers} × 16 KiB binary`,
    receivers,
    shape: { binary: true, bytes: 16 * 1024 },
  },
]);
/** Messages undelivered to some member, at most, per sender. */
export const ROOM_IN_FLIGHT = 16;
/** The flooded room's members besides the flooder. */
export const FLOOD_LISTENERS = 99;
/** The largest room: the sender and 1000 receivers. */
const ROOM_MEMBERS = Math.max(...ROOM_CASES.map((c) => c.receivers)) + 1;
/** Descriptors a process needs beyond its sockets. */
const SPARE_FILES = 1024;
/** Listeners join before the flood starts. */
const LISTENERS_FIRST_MS = 1000;

/** How the bench starts servers: its own settings are applied by these. */
export interface RoomBenchOptions {
  rounds: number;
  warmupMs: number;
  durationMs: number;
  startProject(
    name: string,
    env: Record<string, string>,
    options: StartOptions,
  ): Promise<Server>;
  startBaseline(name: string, options: StartOptions): Promise<Server>;
  /** Called with each run's one-line summary. */
  log(line: string): void;
}

/** Every figure of the room bench, by case. */
export interface RoomFigures {
  /** In-process runs, by case key, then by `project` and `baseline`. */
  local: Map<string, { project: Run[]; baseline: Run[] }>;
  /** Runs over two processes and Redis, by case key. */
  redis: Map<string, Run[]>;
  /** The well-behaved client's round trips, beside a flooded room. */
  flood: { bystander: Run; flooder: Run; listeners: Run }[];
  failures: string[];
}

/** Runs the room bench; see the module doc. */
export async function benchRooms(o: RoomBenchOptions): Promise<RoomFigures> {
  const figures: RoomFigures = {
    local: new Map(
      ROOM_CASES.map((c) => [c.key, { project: [], baseline: [] }]),
    ),
    redis: new Map(ROOM_CASES.map((c) => [c.key, []])),
    flood: [],
    failures: [],
  };
  const env = { MAX_ROOM_MEMBERS: String(ROOM_MEMBERS) };
  const files = { openFiles: ROOM_MEMBERS + SPARE_FILES };
  const record = async (label: string, run: () => Promise<Run>) => {
    try {
      const result = await run();
      const failed = result.result.failures;
      if (failed.length > 0) {
        figures.failures.push(`${label}: ${failed.slice(0, 3).join("; ")}`);
        o.log(`  ${label}: FAILED ${failed.slice(0, 3).join("; ")}`);
        return undefined;
      }
      o.log(`  ${label.padEnd(44)} ${describe(result)}`);
      return result;
    } catch (error) {
      figures.failures.push(`${label}: ${(error as Error).message}`);
      o.log(`  ${label}: FAILED ${(error as Error).message}`);
      return undefined;
    }
  };

  o.log(`Rooms: one sender, ${ROOM_IN_FLIGHT} messages in flight`);
  await withServers(
    [
      () => o.startProject("project", env, files),
      () => o.startBaseline("baseline", files),
    ],
    async (servers) => {
      for (let round = 1; round <= o.rounds; round++) {
        for (const c of ROOM_CASES) {
          for (const server of servers) {
            const run = await record(
              `room ${c.key} r${round} ${server.name}`,
              () =>
                runRoom(o, c, `r${round}-${c.receivers}-${c.shape.bytes}`, [
                  server,
                ]),
            );
            if (!run) continue;
            const runs = figures.local.get(c.key)!;
            (server.name === "project" ? runs.project : runs.baseline).push(
              run,
            );
          }
        }
      }
    },
  );

  o.log("Rooms through Redis: two project processes, members dealt over both");
  const redis = await startRedis();
  const unregister = atStopAll(() => void redis.kill());
  try {
    const withRedis = { ...env, REDIS_URL: redis.url };
    await withServers(
      [1, 2].map((n) => () => o.startProject(`redis ${n}`, withRedis, files)),
      async (servers) => {
        await Promise.all(servers.map((s) => busUp(s)));
        for (let round = 1; round <= o.rounds; round++) {
          for (const c of ROOM_CASES) {
            const run = await record(
              `room ${c.key} r${round} redis`,
              () =>
                runRoom(
                  o,
                  c,
                  `x${round}-${c.receivers}-${c.shape.bytes}`,
                  servers,
                ),
            );
            if (run) figures.redis.get(c.key)!.push(run);
          }
        }
      },
    );
  } finally {
    unregister();
    await redis.stop();
  }

  o.log(
    `Flood with a room: 1 member × ${FLOOD_IN_FLIGHT} in flight, 1 MiB text, to ${FLOOD_LISTENERS} others; 1 client's 32 B ping-pong in another room`,
  );
  for (let round = 1; round <= o.rounds; round++) {
    await withServers(
      [() => o.startProject("project", env, {})],
      async ([p]) => {
        const run = await record(`room flood r${round} project`, async () => {
          const result = await floodRoom(o, p);
          figures.flood.push(result);
          return result.bystander;
        });
        if (!run) figures.flood.pop();
      },
    );
  }
  return figures;
}

/** One sender on the first server, the members dealt over all of them. */
async function runRoom(
  o: RoomBenchOptions,
  c: RoomCase,
  room: string,
  servers: Server[],
): Promise<Run> {
  const scenario: RoomScenario = {
    kind: "room",
    port: servers[0].port,
    memberPorts: servers.map((s) => s.port),
    serverPids: servers.map((s) => s.pid),
    room,
    receivers: c.receivers,
    send: true,
    shape: c.shape,
    inFlight: ROOM_IN_FLIGHT,
    warmupMs: o.warmupMs,
    durationMs: o.durationMs,
  };
  const result = await runClient(scenario, c.receivers + SPARE_FILES);
  return toRun(result, result.operations / result.seconds);
}

/** The flooded room's listeners first, then the flooder and the bystander. */
async function floodRoom(o: RoomBenchOptions, server: Server) {
  const target = { port: server.port, serverPid: server.pid };
  const maxBytes = DEFAULT_CONFIG.maxMessageBytes;
  const listening = runClient({
    ...target,
    kind: "room",
    room: "flood",
    receivers: FLOOD_LISTENERS,
    send: false,
    shape: { binary: false, bytes: maxBytes },
    inFlight: 0,
    warmupMs: LISTENERS_FIRST_MS + o.warmupMs + 500,
    durationMs: o.durationMs + 1000,
  });
  await new Promise((resolve) => setTimeout(resolve, LISTENERS_FIRST_MS));
  const [listeners, flooder, bystander] = await Promise.all([
    listening,
    runClient({
      ...target,
      kind: "flood",
      path: "/api/ws?room=flood",
      flooders: 1,
      inFlight: FLOOD_IN_FLIGHT,
      shape: { binary: false, bytes: maxBytes },
      warmupMs: o.warmupMs,
      durationMs: o.durationMs + 1000,
    }),
    runClient({
      ...target,
      kind: "echo",
      path: "/api/ws?room=calm",
      connections: 1,
      inFlight: 1,
      shape: TEXT_32,
      warmupMs: o.warmupMs + 500,
      durationMs: o.durationMs,
    }),
  ]);
  const failures = [
    ...bystander.failures.map((f) => `well-behaved client: ${f}`),
    ...flooder.failures.map((f) => `flooder: ${f}`),
    ...listeners.failures.map((f) => `listeners: ${f}`),
  ];
  return {
    bystander: toRun(
      { ...bystander, failures },
      bystander.operations / bystander.seconds,
    ),
    flooder: toRun(flooder, flooder.bytes / flooder.seconds / 1e6),
    listeners: toRun(listeners, listeners.bytes / listeners.seconds / 1e6),
  };
}

/** Waits until a server with `REDIS_URL` says its bus is up. */
async function busUp(server: Server): Promise<void> {
  const deadline = performance.now() + 15_000;
  while (performance.now() < deadline) {
    const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`))
      .text();
    if (/^echo_rooms_bus_up 1$/m.test(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${server.name}: its Redis bus did not come up in 15 s`);
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

function describe(run: Run): string {
  return `${formatNumber(run.figure).padStart(10)}/s  p50 ${
    formatNumber(run.p50Us)
  } µs  p99 ${formatNumber(run.p99Us)} µs  max ${
    formatNumber(run.maxUs)
  } µs  server CPU ${run.serverCpu.toFixed(0)}%  client CPU ${
    run.clientCpu.toFixed(0)
  }%${(run.result.notes ?? []).map((n) => `\n      ${n}`).join("")}`;
}
