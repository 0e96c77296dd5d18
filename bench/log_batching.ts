/**
 * `deno run -A bench/log_batching.ts [--lines=N] [--rounds=N]`: what batching
 * log lines saves. A child process writes N JSON log lines, like the
 * server's, to a pipe the parent drains, as `deno serve`'s stdout is; once
 * through the server's batched sink (one `console.log` per batch), once with
 * one `console.log` per line. Prints lines/s for each and the ratio.
 *
 * @module
 */

import { createBatchedSink } from "../core/log.ts";
import { integerFlag, parseFlags } from "./flags.ts";
import { median } from "./stats.ts";

const MODES = ["batched", "per-line"] as const;
type Mode = typeof MODES[number];

const flags = parseFlags(Deno.args, {
  lines: { type: "string" },
  rounds: { type: "string" },
  child: { type: "string" },
}, "deno run -A bench/log_batching.ts [--lines=N] [--rounds=N]");
const lines = integerFlag("lines", flags.lines, 200_000);

if (flags.child !== undefined) {
  writeLines(flags.child as Mode, lines);
} else {
  const rounds = integerFlag("rounds", flags.rounds, 3);
  const rates = new Map<Mode, number[]>(MODES.map((mode) => [mode, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const mode of MODES) {
      const rate = await measure(mode, lines);
      rates.get(mode)!.push(rate);
      console.log(
        `r${round} ${mode.padEnd(8)} ${
          Math.round(rate).toLocaleString("en-US")
        } lines/s`,
      );
    }
  }
  const batched = median(rates.get("batched")!);
  const perLine = median(rates.get("per-line")!);
  console.log(
    `median: batched ${
      Math.round(batched).toLocaleString("en-US")
    } lines/s, per line ${
      Math.round(perLine).toLocaleString("en-US")
    } lines/s: batching is ${(batched / perLine).toFixed(2)}× as fast`,
  );
}

/**
 * Runs a child that writes `n` lines in `mode` to a pipe this process
 * drains; returns the lines/s the child timed itself (start-up excluded).
 */
async function measure(mode: Mode, n: number): Promise<number> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      import.meta.filename!,
      `--child=${mode}`,
      `--lines=${n}`,
    ],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const [bytes, timing] = await Promise.all([
    drain(child.stdout),
    new Response(child.stderr).text(),
  ]);
  const status = await child.status;
  const ms = Number(timing.trim());
  if (!status.success || bytes === 0 || !(ms > 0)) {
    throw new Error(
      `The ${mode} writer failed (exit code ${status.code}): ${timing.trim()}`,
    );
  }
  return n / (ms / 1000);
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.length;
  return bytes;
}

/** The child's side: `n` log records, written as `mode` says. */
function writeLines(mode: Mode, n: number): void {
  const started = performance.now();
  const sink = mode === "batched"
    ? createBatchedSink()
    : Object.assign((line: string) => console.log(line), { flush() {} });
  for (let i = 0; i < n; i++) {
    sink(JSON.stringify({
      time: new Date().toISOString(),
      level: "info",
      event: "open",
      id: String(i),
      remote: "127.0.0.1:50000",
    }));
  }
  sink.flush();
  console.error(String(performance.now() - started));
}
