/**
 * Renders the room bench's figures as the rooms section of
 * bench/RESULTS.md: rooms against the bare broadcast loop with each round's
 * ratio, rooms through Redis beside the in-process figure, and the flood
 * with a room against its goals.
 *
 * @module
 */

import { FLOOD_LISTENERS, ROOM_CASES, ROOM_IN_FLIGHT } from "./room_bench.ts";
import type { RoomFigures } from "./room_bench.ts";
import type { Run } from "./scenario_spec.ts";
import { ROOMS_HEADING } from "./sections.ts";
import { formatNumber, formatRatio, markdownTable, median } from "./stats.ts";

/** The goal of the issue: a room fans out as fast as the bare loop, nearly. */
export const GOAL_RATIO = 0.95;
/** The flood's goals for the well-behaved client, in µs. */
export const GOAL_P99_US = 5_000;
export const GOAL_MAX_US = 50_000;

/** When, where and how the figures were taken. */
export interface RoomReportInput {
  command: string;
  machine: { cpu: string; cores: number };
  deno: string;
  date: string;
  rounds: number;
  warmupMs: number;
  durationMs: number;
  figures: RoomFigures;
}

const med = (runs: Run[], of: (run: Run) => number) => median(runs.map(of));
const ms = (us: number) => `${formatNumber(us / 1000)} ms`;

/** The rooms section, heading included. */
export function renderRooms(input: RoomReportInput): string {
  const f = input.figures;
  const parts = [
    ROOMS_HEADING,
    [
      `- Command: \`${input.command}\``,
      `- Machine: ${input.machine.cpu}, ${input.machine.cores} cores; Deno ${input.deno}; ${input.date}`,
      `- Method: one sender (\`?room=NAME\`, default \`self=1\`: it gets its own echo, and the bare loop sends to every socket of the room, its sender included) and N receiving members, all in one client process (\`bench/room_client.ts\`, raw frames, every delivered byte and the order checked) so that a delivery's latency, from the sender queueing the message to its last byte reaching a member, is read off one clock. At most ${ROOM_IN_FLIGHT} messages are in flight: a message counts once every member has it. ${input.rounds} interleaved rounds (project, bare loop) of ${input.warmupMs} ms warm-up + ${input.durationMs} ms measured; medians shown. The project runs with its defaults and \`MAX_ROOM_MEMBERS=1001\` (1000 receivers and the sender). CPU is % of one core over the window.`,
    ].join("\n"),
    "### In one process, against the bare loop",
    localTable(f),
    goalLine(f),
    "### Two processes through Redis",
    `Two project servers with \`REDIS_URL\` to one \`redis-server\` on loopback; the sender on the first, the members dealt over both in turn (half on each). Server CPU is the two processes' sum (Redis not counted).`,
    redisTable(f),
    "### Flood with a room",
    floodText(f),
  ];
  const notes = noteLines(f);
  if (notes) parts.push(notes);
  parts.push(
    f.failures.length === 0
      ? "Every delivery was verified byte for byte and in order; none was lost."
      : ["FAILED:", ...f.failures.map((x) => `- ${x}`)].join("\n"),
  );
  return parts.join("\n\n") + "\n";
}

function localTable(f: RoomFigures): string {
  const rows = [[
    "Room × message",
    "Deliveries/s P / B",
    "P/B (median of rounds)",
    "Ratio by round",
    "p50 µs P / B",
    "p99 µs P / B",
    "Server CPU P / B",
    "Client CPU P / B",
  ]];
  for (const c of ROOM_CASES) {
    const { project: p, baseline: b } = f.local.get(c.key)!;
    const ratios = roundRatios(p, b);
    const pair = (of: (run: Run) => number, unit = "") =>
      `${formatNumber(med(p, of))}${unit} / ${formatNumber(med(b, of))}${unit}`;
    rows.push([
      c.key,
      pair((r) => r.figure),
      formatRatio(median(ratios)),
      ratios.map((r) => r.toFixed(2)).join(" ") || "n/a",
      pair((r) => r.p50Us),
      pair((r) => r.p99Us),
      pair((r) => r.serverCpu, "%"),
      pair((r) => r.clientCpu, "%"),
    ]);
  }
  return markdownTable(rows);
}

/** Each round's project/baseline ratio of deliveries/s. */
function roundRatios(p: Run[], b: Run[]): number[] {
  return p.slice(0, b.length).map((run, i) => run.figure / b[i].figure);
}

function goalLine(f: RoomFigures): string {
  const met = ROOM_CASES.filter((c) => {
    const { project, baseline } = f.local.get(c.key)!;
    return median(roundRatios(project, baseline)) >= GOAL_RATIO;
  });
  return `Goal: deliveries/s in one process ≥ ${GOAL_RATIO}× the bare loop (median of the rounds' ratios): met in ${met.length} of ${ROOM_CASES.length} cases${
    met.length < ROOM_CASES.length
      ? ` (not: ${
        ROOM_CASES.filter((c) => !met.includes(c)).map((c) =>
          c.key
        ).join(
          ", ",
        )
      })`
      : ""
  }.`;
}

function redisTable(f: RoomFigures): string {
  const rows = [[
    "Room × message",
    "Deliveries/s",
    "p50 µs",
    "p99 µs",
    "In one process: deliveries/s, p50, p99",
    "Servers CPU",
    "Client CPU",
  ]];
  for (const c of ROOM_CASES) {
    const runs = f.redis.get(c.key)!;
    const local = f.local.get(c.key)!.project;
    rows.push([
      c.key,
      formatNumber(med(runs, (r) => r.figure)),
      formatNumber(med(runs, (r) => r.p50Us)),
      formatNumber(med(runs, (r) => r.p99Us)),
      `${formatNumber(med(local, (r) => r.figure))}, ${
        formatNumber(med(local, (r) => r.p50Us))
      }, ${formatNumber(med(local, (r) => r.p99Us))}`,
      `${formatNumber(med(runs, (r) => r.serverCpu))}%`,
      `${formatNumber(med(runs, (r) => r.clientCpu))}%`,
    ]);
  }
  return markdownTable(rows);
}

function floodText(f: RoomFigures): string {
  const runs = f.flood;
  const by = runs.map((r) => r.bystander);
  const p99 = med(by, (r) => r.p99Us);
  const max = Math.max(...by.map((r) => r.maxUs));
  const endings = new Map<string, number>();
  for (const run of runs) {
    for (const part of [run.flooder, run.listeners]) {
      for (const [label, n] of Object.entries(part.result.outcomes ?? {})) {
        endings.set(label, (endings.get(label) ?? 0) + n);
      }
    }
  }
  const table = markdownTable([
    ["Figure", "Median", "By round"],
    ...([
      ["well-behaved RTT p50", (r) => r.bystander.p50Us, ms],
      ["well-behaved RTT p99", (r) => r.bystander.p99Us, ms],
      ["well-behaved RTT max", (r) => r.bystander.maxUs, ms],
      ["well-behaved round trips", (r) => r.bystander.samples, formatNumber],
      ["flooder's echoes, MB/s", (r) => r.flooder.figure, formatNumber],
      [
        "deliveries to the listeners, MB/s",
        (r) => r.listeners.figure,
        formatNumber,
      ],
      ["server CPU %", (r) => r.bystander.serverCpu, formatNumber],
    ] as [
      string,
      (r: RoomFigures["flood"][0]) => number,
      (n: number) => string,
    ][])
      .map(([label, of, show]) => [
        label,
        show(median(runs.map(of))),
        runs.map((r) => show(of(r))).join(", "),
      ]),
  ]);
  const verdict = by.length === 0
    ? "No run completed."
    : `Goal: p99 < ${ms(GOAL_P99_US)} and max < ${ms(GOAL_MAX_US)}: p99 ${
      ms(p99)
    } (median), max ${ms(max)} (highest of ${by.length} rounds): ${
      p99 < GOAL_P99_US && max < GOAL_MAX_US ? "met" : "NOT met"
    }.`;
  return [
    `One member of a room of ${
      FLOOD_LISTENERS + 1
    } pipelines 1 MiB text (MAX_MESSAGE_BYTES, the flood scenario's flooder, \`self=1\`); the other ${FLOOD_LISTENERS} only read, in a process of their own; a well-behaved client in another room (\`?room=calm\`) does 32 B ping-pong in a third. A fresh project server each round; no bare-loop column, since without back-pressure the bare loop would queue the flood without bound.`,
    table,
    `Connections that ended: ${
      [...endings].map(([label, n]) => `${label} ×${n}`).join(", ") || "none"
    }.`,
    verdict,
  ].join("\n\n");
}

/** The load generators' notes (a client near a core says so). */
function noteLines(f: RoomFigures): string {
  const notes = new Map<string, number>();
  const runs = [
    ...[...f.local.values()].flatMap((x) => [...x.project, ...x.baseline]),
    ...[...f.redis.values()].flat(),
    ...f.flood.flatMap((x) => [x.bystander, x.flooder, x.listeners]),
  ];
  for (const run of runs) {
    for (const note of run.result.notes ?? []) {
      const general = note.replace(/\d+% of a core/, "over 90% of a core");
      notes.set(general, (notes.get(general) ?? 0) + 1);
    }
  }
  return [...notes].map(([note, n]) => `- ${note} (${n} runs)`).join("\n");
}
