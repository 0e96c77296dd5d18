import assert from "node:assert/strict";
import {
  closed,
  closeSocket,
  openSocket,
  receive,
  startServer,
  type TestServer,
  waitForCloses,
} from "./helpers.ts";
import { rawRequest } from "./raw_http.ts";
import {
  OPCODE_BINARY,
  OPCODE_PING,
  OPCODE_TEXT,
  RawWebSocket,
} from "./raw_ws.ts";

/** Asserts that a bystander connected all along still gets its echo. */
async function assertBystanderEchoes(ws: WebSocket, text: string) {
  const got = receive(ws);
  ws.send(text);
  assert.deepEqual(await got, [text]);
}

async function withBystander(
  server: TestServer,
  body: (bystander: WebSocket) => Promise<void>,
) {
  const bystander = await openSocket(`${server.wsOrigin}/api/ws`);
  try {
    await body(bystander);
    await assertBystanderEchoes(bystander, "ok");
  } finally {
    await closeSocket(bystander);
    await server.close();
  }
}

Deno.test("limits - a message over maxMessageBytes closes with 1009 naming the limit", async () => {
  const server = await startServer({
    maxMessageBytes: 1024,
    sendHighWaterBytes: 1 << 20,
  });
  await withBystander(server, async () => {
    const ws = await openSocket(`${server.wsOrigin}/api/ws`);
    const atLimit = receive(ws);
    ws.send(new Uint8Array(1024));
    assert.equal(((await atLimit)[0] as ArrayBuffer).byteLength, 1024);
    const done = closed(ws);
    ws.send(new Uint8Array(1025));
    const event = await done;
    assert.equal(event.code, 1009);
    assert.equal(
      event.reason,
      "Message of 1025 bytes exceeds the limit of 1024 bytes",
    );
    assert.equal(
      server.app.echo.metrics.rejectionsByReason.get("message_too_big"),
      1,
    );
  });
});

Deno.test("limits - text is measured in UTF-8 bytes, not characters", async () => {
  const server = await startServer({
    maxMessageBytes: 8,
    sendHighWaterBytes: 1 << 20,
  });
  await withBystander(server, async () => {
    const ws = await openSocket(`${server.wsOrigin}/api/ws`);
    const done = closed(ws);
    ws.send("😀😀😀"); // 3 characters, 12 bytes
    const event = await done;
    assert.equal(event.code, 1009);
    assert.equal(
      event.reason,
      "Message of 12 bytes exceeds the limit of 8 bytes",
    );
  });
});

Deno.test("limits - a message rate above the bucket closes with 1008", async () => {
  // 1/s: the eleventh message finds the bucket empty unless the server
  // takes a whole second to read eleven messages.
  const server = await startServer({ messageRate: 1, messageBurst: 10 });
  await withBystander(server, async () => {
    const ws = await openSocket(`${server.wsOrigin}/api/ws`);
    const echoes: unknown[] = [];
    const done = new Promise<CloseEvent>((resolve) => {
      ws.onmessage = (e) => echoes.push(e.data);
      ws.onclose = resolve;
    });
    // One over the burst. (A client that keeps sending after the server's
    // close frame is cut off by Deno without it: see README, Limits.)
    for (let i = 0; i < 11; i++) ws.send(`m${i}`);
    const event = await done;
    assert.equal(event.code, 1008);
    assert.equal(event.reason, "Message rate exceeds 1/s (burst 10)");
    // The burst was echoed in full and in order before the close.
    assert.deepEqual(echoes, Array.from({ length: 10 }, (_, i) => `m${i}`));
    await waitForCloses(server, 1);
    assert.deepEqual([...server.app.echo.metrics.closesByCode], [[1008, 1]]);
  });
});

Deno.test("limits - a client still sending after its 1008 is cut off: the limit is counted, the close is 1006", async () => {
  const server = await startServer({ messageRate: 1, messageBurst: 10 });
  await withBystander(server, async () => {
    const ws = await openSocket(`${server.wsOrigin}/api/ws`);
    const done = closed(ws);
    // Frames past the eleventh reach the server after its close frame, and
    // Deno then drops the TCP connection (see the docs' limits of the
    // runtime): the client reads the 1008 if it got the close frame before
    // the reset, else an abnormal close (1006; Deno's client says 0).
    for (let i = 0; i < 20; i++) ws.send(`m${i}`);
    const event = await done;
    assert.ok(
      [1008, 1006, 0].includes(event.code),
      `closed with ${event.code}`,
    );
    if (event.code === 1008) {
      assert.equal(event.reason, "Message rate exceeds 1/s (burst 10)");
    }
    // The server's own account does not depend on the race.
    await waitForCloses(server, 1);
    const metrics = server.app.echo.metrics;
    assert.equal(metrics.rejectionsByReason.get("rate"), 1);
    assert.deepEqual([...metrics.closesByCode], [[1006, 1]]);
    assert.equal(metrics.messagesOut, 10);
  });
});

Deno.test("limits - at maxConnections an upgrade gets 503 with Retry-After, before any WebSocket", async () => {
  const server = await startServer({ maxConnections: 2 });
  await withBystander(server, async () => {
    const second = await openSocket(`${server.wsOrigin}/api/ws`);
    const res = await rawRequest(server.port);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get("retry-after"), "1");
    assert.equal(res.body, "The server is at its limit of 2 connections\n");
    assert.equal(server.app.echo.openConnections, 2);
    await closeSocket(second);
    // A freed slot is usable again.
    const third = await openSocket(`${server.wsOrigin}/api/ws`);
    await closeSocket(third);
  });
});

Deno.test("limits - with allowed origins, another Origin gets 403 before the upgrade", async () => {
  const server = await startServer({
    allowedOrigins: ["https://good.example"],
  });
  await withBystander(server, async () => {
    const evil = await rawRequest(server.port, {
      headers: { Origin: "https://evil.example" },
    });
    assert.equal(evil.status, 403);
    assert.equal(evil.body, 'Origin "https://evil.example" is not allowed\n');
    const good = await rawRequest(server.port, {
      headers: { Origin: "https://good.example" },
    });
    assert.equal(good.status, 101);
    // No Origin: a non-browser client, allowed.
    const none = await rawRequest(server.port);
    assert.equal(none.status, 101);
  });
});

Deno.test("limits - a client that sends but never reads is closed with 1013 and no longer echoed to", async () => {
  const highWater = 256 * 1024;
  const server = await startServer({
    maxMessageBytes: 64 * 1024,
    sendHighWaterBytes: highWater,
  });
  await withBystander(server, async (bystander) => {
    const raw = await RawWebSocket.connect(server.port);
    try {
      const chunk = new Uint8Array(64 * 1024).fill(7);
      const metrics = server.app.echo.metrics;
      let sent = 0;
      // Loopback buffers a few MiB before the server's queue grows at all.
      while (!metrics.rejectionsByReason.get("slow_reader") && sent < 4096) {
        await raw.send(OPCODE_BINARY, chunk);
        sent++;
        // The server runs in this process: let it read what was sent.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (sent % 16 === 0) await assertBystanderEchoes(bystander, `${sent}`);
      }
      assert.equal(metrics.rejectionsByReason.get("slow_reader"), 1);
      // Echoing stopped at the mark: nothing sent after the verdict is echoed.
      const echoed = metrics.messagesOut;
      await raw.send(OPCODE_BINARY, chunk);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(metrics.messagesOut, echoed);
      // Reading now drains the echoes, then finds the close frame.
      const close = await raw.readUntilClose();
      assert.equal(close.code, 1013);
      assert.equal(
        close.reason,
        `Client is not reading: over ${highWater} bytes queued`,
      );
    } finally {
      raw.close();
    }
  });
});

Deno.test("limits - a peer that never answers pings is dropped after the idle timeout", async () => {
  const server = await startServer({ idleTimeoutSeconds: 1 });
  await withBystander(server, async () => {
    const raw = await RawWebSocket.connect(server.port);
    try {
      const first = await raw.read();
      assert.equal(first?.opcode, OPCODE_PING);
      const close = await raw.readUntilClose();
      assert.equal(close.code, 1001);
      assert.equal(close.reason, "No response from ping frame.");
    } finally {
      raw.close();
    }
  });
});

Deno.test("limits - invalid UTF-8 or a reserved opcode ends only that connection, nothing echoed", async () => {
  const server = await startServer();
  await withBystander(server, async () => {
    for (
      const [opcode, payload] of [[OPCODE_TEXT, [0x68, 0xff, 0x69]], [0x3, [
        1,
      ]]] as const
    ) {
      const raw = await RawWebSocket.connect(server.port);
      try {
        await raw.send(opcode, new Uint8Array(payload));
        // Deno drops the connection without a close frame (see README).
        assert.equal(await raw.read().catch(() => null), null);
      } finally {
        raw.close();
      }
    }
    while (server.app.echo.metrics.closesByCode.get(1006) !== 2) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(server.app.echo.metrics.messagesOut, 0);
  });
});
