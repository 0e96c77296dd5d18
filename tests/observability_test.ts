import assert from "node:assert/strict";
import { closeSocket, openSocket, receive, startServer } from "./helpers.ts";
import { rawRequest } from "./raw_http.ts";
import { RawWebSocket } from "./raw_ws.ts";

Deno.test("health - 200 with status, uptime and open connections", async () => {
  const server = await startServer();
  const ws = await openSocket(`${server.wsOrigin}/api/ws`);
  try {
    const res = await fetch(`${server.origin}/api/health`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const body = await res.json();
    assert.equal(body.status, "ok");
    assert.equal(body.openConnections, 1);
    assert.ok(Number.isInteger(body.uptimeSeconds) && body.uptimeSeconds >= 0);
  } finally {
    await closeSocket(ws);
    await server.close();
  }
});

Deno.test("metrics - counters are exact after many concurrent clients", async () => {
  const server = await startServer();
  const CLIENTS = 50;
  const MESSAGES = 40;
  try {
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const ws = await openSocket(`${server.wsOrigin}/api/ws`);
        const sent = Array.from({ length: MESSAGES }, (_, i) => `c${c}-${i}`);
        const got = receive(ws, MESSAGES);
        for (const m of sent) ws.send(m);
        assert.deepEqual(await got, sent);
        await closeSocket(ws);
      }),
    );
    await rawRequest(server.port, {
      headers: { "Sec-WebSocket-Version": "8" },
    });
    await rawRequest(server.port, {
      headers: { "Sec-WebSocket-Key": "AAAA" },
    });
    // Payload bytes: "cN-M" summed over every message.
    let bytes = 0;
    for (let c = 0; c < CLIENTS; c++) {
      for (let i = 0; i < MESSAGES; i++) bytes += `c${c}-${i}`.length;
    }
    const res = await fetch(`${server.origin}/metrics`);
    assert.equal(
      res.headers.get("content-type"),
      "text/plain; version=0.0.4; charset=utf-8",
    );
    const text = await res.text();
    const samples = new Map(
      text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => {
        const at = l.lastIndexOf(" ");
        return [l.slice(0, at), Number(l.slice(at + 1))];
      }),
    );
    // Memory is a gauge of whatever the process holds now: present, positive.
    for (const kind of ["rss", "heap_total", "heap_used", "external"]) {
      const name = `echo_memory_bytes{kind="${kind}"}`;
      assert.ok(samples.get(name)! > 0, name);
      samples.delete(name);
    }
    assert.deepEqual(Object.fromEntries(samples), {
      "echo_open_connections": 0,
      "echo_connections_total": CLIENTS,
      "echo_messages_received_total": CLIENTS * MESSAGES,
      "echo_messages_sent_total": CLIENTS * MESSAGES,
      "echo_received_bytes_total": bytes,
      "echo_sent_bytes_total": bytes,
      "echo_server_messages_sent_total": 0,
      "echo_accept_exhausted_total": 0,
      "echo_rooms": 0,
      "echo_room_members": 0,
      "echo_room_deliveries_total": 0,
      'echo_rooms_bus_messages_total{direction="in"}': 0,
      'echo_rooms_bus_messages_total{direction="out"}': 0,
      'echo_closes_total{code="1000"}': CLIENTS,
      'echo_rejections_total{reason="version"}': 1,
      'echo_rejections_total{reason="key"}': 1,
    });
    assert.match(text, /# TYPE echo_connections_total counter/);
    assert.match(text, /# TYPE echo_open_connections gauge/);
  } finally {
    await server.close();
  }
});

Deno.test("logs - one JSON line per open and close, without message contents", async () => {
  const server = await startServer();
  try {
    const ws = await openSocket(`${server.wsOrigin}/api/ws`, "chat");
    const got = receive(ws, 2);
    ws.send("secret payload");
    ws.send(new Uint8Array([1, 2, 3]));
    await got;
    await closeSocket(ws);
    const records = server.logs.map((line) => JSON.parse(line));
    assert.deepEqual(records.map((r) => r.event), ["open", "close"]);
    const [open, close] = records;
    assert.equal(open.id, "1");
    assert.match(open.remote, /^127\.0\.0\.1:\d+$/);
    assert.equal(open.origin, null);
    assert.equal(open.protocol, "chat");
    assert.equal(close.id, "1");
    assert.equal(close.messagesIn, 2);
    assert.equal(close.bytesIn, 17);
    assert.equal(close.messagesOut, 2);
    assert.equal(close.bytesOut, 17);
    assert.equal(close.code, 1000);
    assert.equal(close.reason, "");
    assert.equal(close.wasClean, true);
    assert.ok(Number.isInteger(close.durationMs));
    assert.ok(!server.logs.join("\n").includes("secret payload"));
  } finally {
    await server.close();
  }
});

Deno.test("logs - LOG_MESSAGES prints each message escaped and truncated, with id and size", async () => {
  const server = await startServer({ logMessages: true, logLevel: "silent" });
  try {
    const ws = await openSocket(`${server.wsOrigin}/api/ws`);
    const long = "x".repeat(300);
    const got = receive(ws, 3);
    ws.send("line one\nline two");
    ws.send(new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    ws.send(long);
    await got;
    await closeSocket(ws);
    assert.deepEqual(server.logs, [
      '#1 ← 17 B text "line one\\nline two"',
      "#1 ← 4 B binary de ad be ef",
      `#1 ← 300 B text "${"x".repeat(200)}…"`,
    ]);
  } finally {
    await server.close();
  }
});

Deno.test("metrics - a connection dropped without a close frame counts as 1006", async () => {
  const server = await startServer();
  try {
    const raw = await RawWebSocket.connect(server.port);
    raw.close();
    while (server.app.echo.openConnections > 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.deepEqual([...server.app.echo.metrics.closesByCode], [[1006, 1]]);
    const close = JSON.parse(server.logs.at(-1)!);
    assert.equal(close.event, "close");
    assert.equal(close.code, 1006);
    assert.equal(close.wasClean, false);
  } finally {
    await server.close();
  }
});
