import assert from "node:assert/strict";
import { join } from "node:path";

/**
 * The bench tools parse their flags strictly before anything starts, so each
 * case here fails at parsing: no server is started and nothing is measured.
 */

const BENCH = join(import.meta.dirname!, "..", "bench");
const BENCH_USAGE =
  "deno task bench [--quick] [--only=a,b] [--project=DIR] [--out=FILE] [--rounds=N] [--duration=MS] [--idle=N] [--crowd=N] [--watch=MS] [--project-env=K=V]… [--server-env=K=V]…";

/** Runs `bench/<tool>` as `deno task bench` does, with `args`. */
async function runTool(tool: string, ...args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(BENCH, tool), ...args],
    env: { NO_COLOR: "1" },
    stdin: "null",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return [output.code, decode(output.stderr), decode(output.stdout)];
}

Deno.test("bench flags - a malformed number, a missing value or an unknown flag exits 2 with one line", async (t) => {
  const cases: [string, string[], string][] = [
    [
      "bench.ts",
      ["--rounds", "5x"],
      '--rounds is "5x", expected an integer of at least 1',
    ],
    [
      "bench.ts",
      ["--rounds"],
      `Option '--rounds <value>' argument missing. Usage: ${BENCH_USAGE}`,
    ],
    ["bench.ts", ["--nope"], `Unknown option '--nope'. Usage: ${BENCH_USAGE}`],
    [
      "bench.ts",
      ["--duration=-1"],
      '--duration is "-1", expected an integer of at least 1',
    ],
    [
      "bench.ts",
      ["--only=pingpong,bogus"],
      '--only names "bogus", expected some of latency,pingpong,pipelined,bulk,text,handshake,idle,flood,crowd,page,logging,workers,room',
    ],
    [
      "stress.ts",
      ["--memory", "--clients=abc"],
      '--clients is "abc", expected an integer of at least 1',
    ],
    ["stress.ts", ["--clients=3"], "--clients applies only with --memory"],
    [
      "log_batching.ts",
      ["--lines=x"],
      '--lines is "x", expected an integer of at least 1',
    ],
    [
      "page_timing.ts",
      ["x"],
      'The number of loads is "x", expected a positive integer',
    ],
  ];
  for (const [tool, args, line] of cases) {
    await t.step(`${tool} ${args.join(" ")}`, async () => {
      assert.deepEqual(await runTool(tool, ...args), [2, `${line}\n`, ""]);
    });
  }
});
