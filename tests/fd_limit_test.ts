import assert from "node:assert/strict";
import { closeSocket, openSocket, receive } from "./helpers.ts";
import { spawnServer } from "./server_process.ts";

/**
 * Open files for the server process: about 25 are Deno's own, so a few dozen
 * connections exhaust it.
 */
const MAX_OPEN_FILES = 64;

Deno.test("fd limit - out of descriptors, open sockets keep echoing, one log line per burst, accepting again once freed", async () => {
  const server = await spawnServer({}, { maxOpenFiles: MAX_OPEN_FILES });
  const { port } = server;
  const held: Deno.Conn[] = [];
  try {
    const bystander = await openSocket(`ws://127.0.0.1:${port}/api/ws`);
    // Connections that never send a request: Deno keeps each one's
    // descriptor (see README), so they exhaust the server's table.
    let refused = 0;
    const until = Date.now() + 1500;
    while (Date.now() < until && held.length < 10 * MAX_OPEN_FILES) {
      try {
        held.push(await Deno.connect({ hostname: "127.0.0.1", port }));
      } catch (error) {
        // Refused while no socket listens; reset (or, once reset, not
        // connected) when the listener closes in the middle of a connect.
        assert.ok(
          error instanceof Deno.errors.ConnectionRefused ||
            error instanceof Deno.errors.ConnectionReset ||
            error instanceof Deno.errors.NotConnected,
          String(error),
        );
        refused++;
        await delay(30);
      }
    }
    // The listener was down at least once; the bystander never noticed.
    assert.ok(refused > 0, "accepting never failed");
    const echo = receive(bystander);
    bystander.send("still here");
    assert.deepEqual(await echo, ["still here"]);

    for (const conn of held.splice(0)) conn.close();
    // Accepting again: a request, then a new WebSocket, are served.
    const health = JSON.parse(
      await poll(() => get(port, "/api/health"), 2000),
    );
    assert.equal(health.openConnections, 1);
    const fresh = await openSocket(`ws://127.0.0.1:${port}/api/ws`);
    await closeSocket(fresh);
    await closeSocket(bystander);

    const resumed = await poll(() => {
      const line = server.lines.find((l) => l.includes('"accept_resumed"'));
      if (!line) throw new Error("not yet");
      return Promise.resolve(JSON.parse(line));
    }, 3000);
    const metrics = await get(port, "/metrics");
    const failures = Number(
      metrics.match(/^echo_accept_exhausted_total (\d+)$/m)?.[1],
    );
    // Every failed accept is counted; the burst is logged once.
    assert.ok(failures >= 2, `expected several failures, got ${failures}`);
    assert.equal(resumed.failures, failures);
    const exhausted = server.lines.filter((l) =>
      l.includes('"accept_exhausted"')
    );
    assert.equal(exhausted.length, 1);
    assert.equal(
      JSON.parse(exhausted[0]).message,
      "Error: Too many open files (os error 24)",
    );
  } finally {
    for (const conn of held) conn.close();
    server.child.kill("SIGTERM");
    await server.status;
  }
});

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function get(port: number, path: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  assert.equal(res.status, 200);
  return await res.text();
}

/** Retries `attempt` every 20 ms until it resolves or `ms` have passed. */
async function poll<T>(attempt: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  while (true) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await delay(20);
    }
  }
}
