/**
 * Renders the benchmark's medians as markdown: the project against the
 * baseline, 1 vs 2 workers, the cost of LOG_MESSAGES, and the page.
 *
 * @module
 */

import type { AssetSize } from "../scripts/page_weight.ts";
import type { PageFigures } from "./page.ts";
import type { Run, ScenarioSpec, Timing } from "./scenario_spec.ts";
import { formatBytes } from "../core/format.ts";
import { formatNumber, formatRatio, markdownTable, median } from "./stats.ts";

/** The runs of one scenario, by server name. */
export interface Section {
  group: "main" | "workers" | "logging";
  spec: ScenarioSpec;
  runs: Map<string, Run[]>;
  note?: string;
}

/** Everything the report shows. */
export interface ReportInput {
  command: string;
  machine: { cpu: string; cores: number; memory: string };
  deno: string;
  date: string;
  seconds: number;
  rounds: number;
  timing: Timing;
  extraRounds: number;
  extraTiming: Timing;
  sections: Section[];
  page?: PageFigures;
  metricsCheck: string;
  failures: string[];
}

const med = (runs: Run[] | undefined, of: (run: Run) => number) =>
  median((runs ?? []).map(of));

/** The whole report. */
export function renderReport(input: ReportInput): string {
  const t = input.timing;
  const parts = [
    "# Echo server benchmark",
    [
      `- Command: \`${input.command}\``,
      `- Machine: ${input.machine.cpu}, ${input.machine.cores} cores, ${input.machine.memory} RAM`,
      `- Deno ${input.deno}, ${input.date}, took ${input.seconds.toFixed(0)} s`,
      `- Method: project (\`scripts/start.ts\`, defaults, LOG_LEVEL=info, stdout piped to a drain) and baseline (\`bench/baseline_server.ts\`) under \`deno serve\` on 127.0.0.1, driven by \`bench/load_client.ts\` (raw RFC 6455 frames, every echoed byte checked) in its own process; ${input.rounds} interleaved rounds (A B A B …) of ${t.warmupMs} ms warm-up + ${t.durationMs} ms measured; medians shown. CPU is % of one core over the measured window, from /proc.`,
    ].join("\n"),
  ];
  const main = input.sections.filter((s) => s.group === "main");
  if (main.length > 0) {
    parts.push("## Project vs baseline (1 worker each)", mainTable(main));
    const endings = outcomeLines(main);
    if (endings) parts.push(endings);
  }
  const workers = input.sections.filter((s) => s.group === "workers");
  if (workers.length > 0) {
    parts.push(
      "## 1 vs 2 workers (`WORKERS=2`, `deno serve --parallel`)",
      `${input.extraRounds} interleaved rounds of ${input.extraTiming.durationMs} ms; the 1-worker column is the median above.`,
      workersTable(workers, main),
    );
  }
  for (const section of input.sections.filter((s) => s.group === "logging")) {
    parts.push(
      "## Cost of LOG_MESSAGES=true",
      `${section.spec.title}; ${input.extraRounds} interleaved rounds of ${input.extraTiming.durationMs} ms.`,
      loggingTable(section),
    );
    if (section.note) parts.push(section.note);
  }
  if (input.page) parts.push("## Page", pageTable(input.page));
  if (input.metricsCheck) parts.push("## Metrics check", input.metricsCheck);
  parts.push(
    "## Verdict",
    input.failures.length === 0
      ? "Every echo was verified byte for byte; no message was lost."
      : ["FAILED:", ...input.failures.map((f) => `- ${f}`)].join("\n"),
  );
  return parts.join("\n\n") + "\n";
}

function mainTable(sections: Section[]): string {
  const rows = [[
    "Scenario",
    "Figure",
    "Project",
    "Baseline",
    "Project/baseline",
    "Server CPU P / B",
    "Client CPU P / B",
  ]];
  for (const { spec, runs } of sections) {
    const p = runs.get("project");
    const b = runs.get("baseline");
    const cpu = (of: (run: Run) => number) =>
      `${formatNumber(med(p, of))}% / ${formatNumber(med(b, of))}%`;
    const row = (label: string, of: (run: Run) => number) => {
      const pv = med(p, of);
      const bv = med(b, of);
      return [
        spec.title,
        label,
        formatNumber(pv),
        formatNumber(bv),
        formatRatio(pv / bv),
        cpu((r) => r.serverCpu),
        cpu((r) => r.clientCpu),
      ];
    };
    rows.push(row(spec.unit, (r) => r.figure));
    if (spec.latency) {
      rows.push(row("p50 µs", (r) => r.p50Us), row("p99 µs", (r) => r.p99Us));
    }
    for (const extra of spec.rows ?? []) rows.push(row(extra.label, extra.of));
    if (spec.key === "idle") {
      rows.push(
        row("RSS before", (r) => r.result.rssBefore! / 1024 / 1024).map((
          cell,
          i,
        ) => i === 2 || i === 3 ? `${cell} MiB` : cell),
        row(
          "retained after close, KiB/conn",
          (r) =>
            (r.result.rssAfterClose! - r.result.rssBefore!) /
            r.result.operations / 1024,
        ),
      );
    }
  }
  return markdownTable(rows);
}

/**
 * How connections ended or failed, summed over each server's runs, and the
 * runs' notes (a load generator that ran short says so here).
 */
function outcomeLines(sections: Section[]): string {
  const lines: string[] = [];
  for (const { spec, runs } of sections) {
    for (const [server, list] of runs) {
      const sum = new Map<string, number>();
      const notes = new Set<string>();
      for (const run of list) {
        for (const [label, n] of Object.entries(run.result.outcomes ?? {})) {
          sum.set(label, (sum.get(label) ?? 0) + n);
        }
        for (const note of run.result.notes ?? []) notes.add(note);
      }
      if (sum.size === 0 && notes.size === 0) continue;
      const ended = [...sum].map(([label, n]) => `${label} ×${n}`).join(", ");
      lines.push(
        `- ${spec.key}, ${server} (${list.length} runs): ${
          [ended || "no connection ended or failed", ...notes].join("; ")
        }`,
      );
    }
  }
  return lines.join("\n");
}

function workersTable(sections: Section[], main: Section[]): string {
  const rows = [[
    "Scenario",
    "Unit",
    "Project 1w",
    "Project 2w",
    "Scaling",
    "Baseline 1w",
    "Baseline 2w",
    "Scaling",
    "Server CPU P2 / B2",
    "Client CPU P2 / B2",
  ]];
  for (const { spec, runs } of sections) {
    const one = main.find((s) => s.spec.key === spec.key)?.runs;
    const p1 = med(one?.get("project"), (r) => r.figure);
    const b1 = med(one?.get("baseline"), (r) => r.figure);
    const p2runs = runs.get("project 2w");
    const b2runs = runs.get("baseline 2w");
    const p2 = med(p2runs, (r) => r.figure);
    const b2 = med(b2runs, (r) => r.figure);
    rows.push([
      spec.title,
      spec.unit,
      formatNumber(p1),
      formatNumber(p2),
      formatRatio(p2 / p1),
      formatNumber(b1),
      formatNumber(b2),
      formatRatio(b2 / b1),
      `${formatNumber(med(p2runs, (r) => r.serverCpu))}% / ${
        formatNumber(med(b2runs, (r) => r.serverCpu))
      }%`,
      `${formatNumber(med(p2runs, (r) => r.clientCpu))}% / ${
        formatNumber(med(b2runs, (r) => r.clientCpu))
      }%`,
    ]);
  }
  return markdownTable(rows);
}

function loggingTable(section: Section): string {
  const [off, on] = [...section.runs.values()];
  const row = (label: string, of: (run: Run) => number) => {
    const a = med(off, of);
    const b = med(on, of);
    return [label, formatNumber(a), formatNumber(b), formatRatio(b / a)];
  };
  return markdownTable([
    ["Figure", "LOG_MESSAGES off", "LOG_MESSAGES=true", "on/off"],
    row(section.spec.unit, (r) => r.figure),
    row("p50 µs", (r) => r.p50Us),
    row("p99 µs", (r) => r.p99Us),
    row("server CPU %", (r) => r.serverCpu),
    row("client CPU %", (r) => r.clientCpu),
  ]);
}

function assetRow(a: AssetSize, when: string): string[] {
  return [
    `\`${a.url}\` (${when})`,
    `${formatBytes(a.raw)} raw, ${a.gzip} B gzip (${
      formatBytes(a.gzip)
    }), ${a.brotli} B brotli`,
  ];
}

function pageTable(page: PageFigures): string {
  const rows = [
    ["Figure", "Value"],
    [
      "GET / time to first byte, first request",
      `${page.firstTtfbMs.toFixed(2)} ms`,
    ],
    [
      `GET / time to first byte, median of ${page.requests - 1}`,
      `${page.medianTtfbMs.toFixed(2)} ms`,
    ],
    ["GET / time to first byte, p90", `${page.p90TtfbMs.toFixed(2)} ms`],
    ["HTML size", `${page.htmlBytes} B (${page.htmlGzipBytes} B gzipped)`],
    [
      "First-load JavaScript, gzipped (budget 25000 B)",
      `${page.weight.firstLoadGzip} B (${
        formatBytes(page.weight.firstLoadGzip)
      })`,
    ],
    ...page.weight.firstLoad.map((a) => assetRow(a, "first load")),
    ...page.weight.onDemand.map((a) => assetRow(a, "on demand")),
    assetRow(page.weight.style, "stylesheet"),
  ];
  return markdownTable(rows);
}
