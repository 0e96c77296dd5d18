/**
 * A real Redis for tests: Debian's `redis-server` on a free loopback port,
 * with its own temporary directory and no persistence, stopped by PID. It
 * can be stopped and started again on the same port, to test an outage.
 *
 * @module
 */

/** A running (or stopped) test Redis. */
export interface TestRedis {
  port: number;
  /** `redis://127.0.0.1:PORT` */
  url: string;
  /** Stops it at once (SIGKILL), as a crash or a lost host would. */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
}

const BINARY = "redis-server";

/** Starts a Redis; fails with one line when `redis-server` is missing. */
export async function startRedis(): Promise<TestRedis> {
  const dir = await Deno.makeTempDir({ prefix: "echo-redis-" });
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  let child: Deno.ChildProcess | null = await spawn(port, dir);
  const stopChild = async () => {
    if (!child) return;
    const running = child;
    child = null;
    try {
      running.kill("SIGKILL");
    } catch {
      // already gone
    }
    await running.status;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: stopChild,
    async restart() {
      await stopChild();
      child = await spawn(port, dir);
    },
    async stop() {
      await stopChild();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

async function spawn(port: number, dir: string): Promise<Deno.ChildProcess> {
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(BINARY, {
      args: [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        dir,
        "--save",
        "",
        "--appendonly",
        "no",
      ],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(
        "redis-server not found: install it (apt-get install redis-server); .ci/run does when absent",
      );
    }
    throw error;
  }
  // Redis says it is ready on stdout; read until then, then keep draining so
  // a full pipe never blocks it.
  const reader = child.stdout.getReader();
  const decoder = new TextDecoder();
  let seen = "";
  const deadline = Date.now() + 10_000;
  while (!seen.includes("Ready to accept connections")) {
    const { value, done } = await reader.read();
    if (done || Date.now() > deadline) {
      throw new Error(`redis-server did not start on port ${port}: ${seen}`);
    }
    seen += decoder.decode(value, { stream: true });
  }
  (async () => {
    while (!(await reader.read()).done) { /* drain */ }
  })();
  child.stderr.pipeTo(new WritableStream());
  return child;
}
