import assert from "node:assert/strict";
import { closed, openSocket, startServer } from "./helpers.ts";
import { rawRequest } from "./raw_http.ts";
import { RawWebSocket } from "./raw_ws.ts";
import { spawnServer } from "./server_process.ts";

const MESSAGES = 300;

Deno.test("shutdown - SIGTERM echoes what was received, closes every socket with 1001, exits 0", async () => {
  const server = await spawnServer({ SHUTDOWN_GRACE_MS: "3000" });
  const url = `ws://127.0.0.1:${server.port}/api/ws`;
  const clients = await Promise.all([1, 2, 3].map(() => openSocket(url)));
  const results = clients.map((ws) => {
    const echoes: string[] = [];
    ws.onmessage = (e) => echoes.push(e.data);
    const done = new Promise<CloseEvent>((resolve) => ws.onclose = resolve);
    return { echoes, done };
  });
  clients.forEach((ws, c) => {
    for (let i = 0; i < MESSAGES; i++) ws.send(`client ${c} message ${i}`);
  });
  // Signal once the server has read every message but before the clients
  // have all the echoes: the echoes are in flight. (Frames still arriving
  // after the close frame make Deno drop the connection; see README.)
  await waitForReceived(server.port, clients.length * MESSAGES);
  server.child.kill("SIGTERM");
  const events = await Promise.all(results.map((r) => r.done));
  const status = await server.status;

  assert.equal(status.code, 0);
  for (const [c, event] of events.entries()) {
    assert.equal(event.code, 1001);
    assert.equal(event.reason, "Server shutting down");
    assert.equal(event.wasClean, true);
    const expected = Array.from(
      { length: MESSAGES },
      (_, i) => `client ${c} message ${i}`,
    );
    assert.deepEqual(results[c].echoes, expected);
  }
  // Whatever the server received, it echoed before closing.
  const closes = server.lines
    .filter((line) => line.includes('"event":"close"'))
    .map((line) => JSON.parse(line));
  assert.equal(closes.length, 3);
  for (const record of closes) {
    assert.equal(record.messagesOut, record.messagesIn);
  }
});

/** Polls /metrics until the server has received `count` messages. */
async function waitForReceived(port: number, count: number) {
  while (true) {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const received = Number(
      text.match(/^echo_messages_received_total (\d+)$/m)?.[1],
    );
    if (received >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

Deno.test("shutdown - SIGINT stops accepting, ends even a peer that never answers its close, exits 0", async () => {
  const server = await spawnServer({ SHUTDOWN_GRACE_MS: "1500" });
  const raw = await RawWebSocket.connect(server.port);
  const polite = await openSocket(`ws://127.0.0.1:${server.port}/api/ws`);
  const politeClosed = closed(polite);
  try {
    server.child.kill("SIGINT");
    const close = await raw.readUntilClose();
    assert.equal(close.code, 1001);
    assert.equal((await politeClosed).code, 1001);
    // The listener is closed to newcomers at once.
    await assert.rejects(
      fetch(`http://127.0.0.1:${server.port}/api/health`),
      TypeError,
    );
    // The raw peer never answers its close frame; the server ends it anyway.
    assert.equal(await raw.read().catch(() => null), null);
    assert.equal((await server.status).code, 0);
    assert.ok(server.lines.some((l) => l.includes('"event":"stopped"')));
  } finally {
    raw.close();
  }
});

Deno.test("shutdown - the core drains for at most the grace period, refusing newcomers with 503 and health 503", async () => {
  const server = await startServer({ shutdownGraceMs: 300 });
  const raw = await RawWebSocket.connect(server.port);
  try {
    const draining = server.app.echo.shutdown();
    const health = await fetch(`${server.origin}/api/health`);
    assert.equal(health.status, 503);
    assert.deepEqual(Object.keys(await health.json()), [
      "status",
      "uptimeSeconds",
      "openConnections",
    ]);
    const refused = await rawRequest(server.port);
    assert.equal(refused.status, 503);
    assert.equal(refused.body, "The server is shutting down\n");
    const close = await raw.readUntilClose();
    assert.equal(close.code, 1001);
    await draining;
    // The peer never answered, so the drain gave up with it still open.
    assert.equal(server.app.echo.openConnections, 1);
  } finally {
    raw.close();
    await server.close();
  }
});

Deno.test("shutdown - SIGTERM sends delayed echoes due within the grace period before the 1001, drops later ones", async () => {
  const server = await spawnServer({ SHUTDOWN_GRACE_MS: "2000" });
  const soon = await openSocket(
    `ws://127.0.0.1:${server.port}/api/ws?delay=300`,
  );
  const late = await openSocket(
    `ws://127.0.0.1:${server.port}/api/ws?delay=10000`,
  );
  const watch = (ws: WebSocket) => {
    const echoes: string[] = [];
    ws.onmessage = (e) => echoes.push(e.data);
    const done = new Promise<CloseEvent>((resolve) => ws.onclose = resolve);
    return { echoes, done };
  };
  const [a, b] = [watch(soon), watch(late)];
  soon.send("first");
  soon.send("second");
  late.send("too late");
  await waitForReceived(server.port, 3);
  server.child.kill("SIGTERM");
  const [closeA, closeB] = await Promise.all([a.done, b.done]);
  assert.equal((await server.status).code, 0);
  assert.deepEqual(a.echoes, ["first", "second"]);
  assert.equal(closeA.code, 1001);
  assert.equal(closeA.wasClean, true);
  assert.deepEqual(b.echoes, []);
  assert.equal(closeB.code, 1001);
  const dropped = server.lines
    .filter((line) => line.includes('"event":"close"'))
    .map((line) => JSON.parse(line).delayedEchoesDropped ?? 0);
  assert.deepEqual(dropped.sort(), [0, 1]);
});
