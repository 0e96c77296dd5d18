/**
 * Runs the server the way `deno task start` does, as a child process, for
 * tests of start-up, signals and shutdown.
 *
 * @module
 */

import { join } from "node:path";

const ROOT = join(import.meta.dirname!, "..");
const START = join("scripts", "start.ts");

/** A server child process and what it printed. */
export interface ServerProcess {
  child: Deno.ChildProcess;
  port: number;
  /** Every line printed so far, stdout and stderr. */
  lines: string[];
  /** Resolves with the exit status once the process ends. */
  status: Promise<Deno.CommandStatus>;
}

/** How to run the server process. */
export interface SpawnOptions {
  /** The project to run (this one by default). */
  root?: string;
  /** Limit on open files (`prlimit --nofile`), for the server's children too. */
  maxOpenFiles?: number;
  /** A network namespace to run in (`ip netns exec`); needs root. */
  netns?: string;
}

/** Starts `scripts/start.ts` on 127.0.0.1 port 0 with `env`. */
export async function spawnServer(
  env: Record<string, string> = {},
  options: SpawnOptions = {},
): Promise<ServerProcess> {
  const limit = options.maxOpenFiles;
  const [command, ...args] = [
    ...options.netns === undefined
      ? []
      : ["ip", "netns", "exec", options.netns],
    ...limit === undefined ? [] : ["prlimit", `--nofile=${limit}:${limit}`],
    Deno.execPath(),
    "run",
    "-A",
    START,
  ];
  const child = new Deno.Command(command, {
    args,
    cwd: options.root ?? ROOT,
    env: { HOSTNAME: "127.0.0.1", PORT: "0", NO_COLOR: "1", ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  let announce: (port: number) => void;
  const listening = new Promise<number>((resolve) => announce = resolve);
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    let rest = "";
    for await (const chunk of stream) {
      const parts = (rest + decoder.decode(chunk, { stream: true })).split(
        "\n",
      );
      rest = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const match = line.match(/Listening on http:\/\/[^:]+:(\d+)\//);
        if (match) announce(Number(match[1]));
      }
    }
    if (rest) lines.push(rest);
  };
  const drained = Promise.all([collect(child.stdout), collect(child.stderr)]);
  const status = drained.then(() => child.status);
  const port = await Promise.race([
    listening,
    status.then((s) => {
      throw new Error(`server exited with ${s.code}: ${lines.join("\n")}`);
    }),
  ]);
  return { child, port, lines, status };
}

/** Runs `scripts/start.ts` with `env` expecting it to stop by itself. */
export async function runServerToExit(
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", START],
    cwd: ROOT,
    env: { NO_COLOR: "1", ...env },
    stdin: "null",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}
