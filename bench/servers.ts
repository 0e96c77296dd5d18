/**
 * Starts the servers under test on 127.0.0.1 and stops them again: the
 * project as `deno task start` runs it, and the bare baseline. Every process
 * started here is tracked, so {@linkcode stopAll} can end exactly those.
 *
 * @module
 */

import { join } from "node:path";
import { serveArgs } from "../scripts/serve_args.ts";
import { childrenOf, commandLine, openFileLimits } from "./proc.ts";

/** A running server. */
export interface Server {
  name: string;
  port: number;
  /** The process that serves: `deno serve`, not its launcher. */
  pid: number;
  /** Bytes the server wrote to standard output (its log). */
  logBytes(): number;
  /** The last few KiB of standard error. */
  stderr(): string;
  /** Asks it to stop, then kills it and its launcher by PID. */
  stop(): Promise<void>;
}

/** How a server is started, beyond its name. */
export interface StartOptions {
  /** Environment over the inherited one: config, `MALLOC_*`, `DENO_V8_FLAGS`. */
  env?: Record<string, string>;
  /**
   * Serve through `bench/memory_probe.ts`, which answers
   * `GET /__bench/memory` with `Deno.memoryUsage()`; the project then runs
   * under `deno serve` directly (built first), not through `scripts/start.ts`.
   */
  probe?: boolean;
  /** Open files the server needs: its soft limit is raised towards this. */
  openFiles?: number;
  /** More `deno serve` flags, with `probe` only (e.g. `--allow-ffi`). */
  flags?: string[];
}

/** Environment variables the project reads; the bench sets its own. */
const CONFIG_VARS = [
  "PORT",
  "HOSTNAME",
  "WORKERS",
  "ALLOWED_ORIGINS",
  "SUBPROTOCOLS",
  "MAX_MESSAGE_BYTES",
  "MESSAGE_RATE",
  "MESSAGE_BURST",
  "MAX_CONNECTIONS",
  "IDLE_TIMEOUT_SECONDS",
  "SEND_HIGH_WATER_BYTES",
  "SHUTDOWN_GRACE_MS",
  "LOG_LEVEL",
  "LOG_MESSAGES",
  "BYTE_RATE",
  "BYTE_BURST",
  "TEST_CONTROLS",
  "ROOMS",
  "MAX_ROOM_MEMBERS",
  "REDIS_URL",
  "ECHO_INSTANCE_ID",
  "DENO_JOBS",
  // Memory settings are compared explicitly, never inherited by accident.
  "DENO_V8_FLAGS",
  "MALLOC_ARENA_MAX",
  "MALLOC_TRIM_THRESHOLD_",
  "MALLOC_MMAP_THRESHOLD_",
  "MALLOC_TOP_PAD_",
];
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 8_000;
const REPO = join(import.meta.dirname!, "..");
const PROBE = join(import.meta.dirname!, "memory_probe.ts");
const started = new Set<Deno.ChildProcess>();
const cleanups = new Set<() => void>();
const servingPids = new Map<Deno.ChildProcess, number>();

/** Tracks a child process of this program, for {@linkcode stopAll}. */
export function track(child: Deno.ChildProcess): () => void {
  started.add(child);
  return () => started.delete(child);
}

/**
 * Registers a synchronous stop for a process started elsewhere (a Redis),
 * for {@linkcode stopAll}; returns its removal.
 */
export function atStopAll(stop: () => void): () => void {
  cleanups.add(stop);
  return () => cleanups.delete(stop);
}

/** Kills, by PID, every process started here that is still running. */
export function stopAll(): void {
  for (const stop of cleanups) stop();
  cleanups.clear();
  for (const child of started) {
    const serving = servingPids.get(child);
    if (serving !== undefined) killIfOurs(serving, "SIGKILL");
    try {
      child.kill("SIGKILL");
    } catch {
      // already exited
    }
  }
  started.clear();
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/**
 * Starts the project with `scripts/start.ts` (what `deno task start` runs)
 * and config `env` over the defaults; `root` may be a copy of the repo.
 */
export async function startProject(
  name: string,
  env: Record<string, string> = {},
  root: string = REPO,
  options: StartOptions = {},
): Promise<Server> {
  const port = freePort();
  const vars = {
    ...env,
    ...options.env,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
  };
  if (!options.probe) {
    return launch(
      name,
      port,
      {
        args: ["run", "-A", join(root, "scripts", "start.ts")],
        cwd: root,
        env: vars,
      },
      true,
      options.openFiles,
    );
  }
  // What start.ts does first, then the same `deno serve` line on the probe.
  const built = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(root, "scripts", "build.ts")],
    cwd: root,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!built.success) {
    throw new Error(
      `${name}: build failed: ${new TextDecoder().decode(built.stderr)}`,
    );
  }
  return launch(
    name,
    port,
    {
      args: serveArgs(PROBE, {
        hostname: "127.0.0.1",
        port,
        flags: options.flags,
      }),
      cwd: root,
      env: {
        ...vars,
        DENO_JOBS: "1",
        BENCH_PROBED_ENTRY: join(root, "main.ts"),
      },
    },
    false,
    options.openFiles,
  );
}

/** Starts `bench/baseline_server.ts` under `deno serve` as start.ts would. */
export function startBaseline(
  name: string,
  workers = 1,
  options: StartOptions = {},
): Promise<Server> {
  const port = freePort();
  const baseline = join(import.meta.dirname!, "baseline_server.ts");
  const args = serveArgs(
    options.probe ? PROBE : baseline,
    {
      hostname: "127.0.0.1",
      port,
      workers,
      flags: options.probe ? options.flags : undefined,
    },
  );
  return launch(
    name,
    port,
    {
      args,
      cwd: REPO,
      env: {
        ...options.env,
        DENO_JOBS: String(workers),
        ...options.probe ? { BENCH_PROBED_ENTRY: baseline } : {},
      },
    },
    false,
    options.openFiles,
  );
}

/**
 * The command that runs `deno args` with a soft limit on open files of
 * `want` or as near as the hard limit allows (`prlimit`, as
 * tests/server_process.ts does), and that limit.
 */
export function withOpenFiles(
  args: string[],
  want: number | undefined,
): { command: string; args: string[]; limit: number } {
  const { soft, hard } = openFileLimits();
  if (want === undefined || want <= soft) {
    return { command: Deno.execPath(), args, limit: soft };
  }
  const limit = Math.min(want, hard);
  return {
    command: "prlimit",
    args: [`--nofile=${limit}:${hard}`, Deno.execPath(), ...args],
    limit,
  };
}

async function launch(
  name: string,
  port: number,
  command: { args: string[]; cwd: string; env: Record<string, string> },
  viaLauncher: boolean,
  openFiles?: number,
): Promise<Server> {
  const env = Deno.env.toObject();
  for (const key of CONFIG_VARS) delete env[key];
  const run = withOpenFiles(command.args, openFiles);
  // prlimit execs deno, so the PID is the server's all the same.
  const child = new Deno.Command(run.command, {
    args: run.args,
    cwd: command.cwd,
    env: { ...env, ...command.env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const untrack = track(child);
  let logBytes = 0;
  let stderr = "";
  const drains = Promise.all([
    child.stdout.pipeTo(
      new WritableStream({ write: (chunk) => void (logBytes += chunk.length) }),
    ),
    child.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
      new WritableStream({
        write: (text) => void (stderr = (stderr + text).slice(-4096)),
      }),
    ),
  ]).catch(() => {});
  let exited = false;
  const status = child.status.finally(() => exited = true);
  let pid = viaLauncher ? NaN : child.pid;
  const deadline = performance.now() + START_TIMEOUT_MS;
  while (!(await listening(port)) || Number.isNaN(pid)) {
    if (viaLauncher && Number.isNaN(pid)) {
      pid = childrenOf(child.pid).find((p) => / serve /.test(commandLine(p))) ??
        NaN;
      if (!Number.isNaN(pid)) servingPids.set(child, pid);
    }
    if (exited || performance.now() > deadline) {
      stopAll();
      throw new Error(
        `${name} did not start on port ${port}${
          exited ? " (it exited)" : ""
        }:\n${stderr}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // already exited
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      status,
      new Promise((resolve) => timer = setTimeout(resolve, STOP_TIMEOUT_MS)),
    ]);
    clearTimeout(timer);
    killIfOurs(pid, "SIGKILL");
    try {
      if (!exited) child.kill("SIGKILL");
    } catch {
      // exited meanwhile
    }
    await status;
    await drains;
    servingPids.delete(child);
    untrack();
  };
  return {
    name,
    port,
    pid,
    logBytes: () => logBytes,
    stderr: () => stderr,
    stop,
  };
}

async function listening(port: number): Promise<boolean> {
  try {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    conn.close();
    return true;
  } catch {
    return false;
  }
}

/** Kills `pid` only while it is still a `deno serve` on our terms. */
function killIfOurs(pid: number, signal: Deno.Signal): void {
  if (Number.isNaN(pid) || !/ serve /.test(commandLine(pid))) return;
  try {
    Deno.kill(pid, signal);
  } catch {
    // already exited
  }
}
