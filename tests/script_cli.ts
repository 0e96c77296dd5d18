/**
 * Runs `deno task script` as the task does, for the tests of the command
 * and of the page that compare their words.
 *
 * @module
 */

import { join } from "node:path";

const CLI = join(import.meta.dirname!, "..", "scripts", "run_script.ts");

/** What the command printed and how it exited. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command with `args`, with the task's permissions. */
export async function runCli(...args: string[]): Promise<CliResult> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", CLI, ...args],
    env: { NO_COLOR: "1" },
    stdin: "null",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return {
    code: output.code,
    stdout: decode(output.stdout),
    stderr: decode(output.stderr),
  };
}

/** Output lines with each time replaced by `T`, as they vary run to run. */
export function withoutTimes(text: string): string[] {
  return text.trimEnd().split("\n").map((line) =>
    line.replace(/ [0-9]+\.[0-9] ms$/, " T ms")
  );
}
