import assert from "node:assert/strict";
import { startServer, type TestServer } from "./helpers.ts";
import { readResponse, VALID_HANDSHAKE } from "./raw_http.ts";
import { OPCODE_BINARY, OPCODE_PING, RawWebSocket } from "./raw_ws.ts";

const IDLE_TIMEOUT_SECONDS = 2;

const REQUEST = new TextEncoder().encode(
  [
    "GET /api/ws HTTP/1.1",
    ...Object.entries(VALID_HANDSHAKE).map(([k, v]) => `${k}: ${v}`),
  ].join("\r\n") + "\r\n\r\n",
);

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withServer(body: (server: TestServer) => Promise<void>) {
  const server = await startServer({
    idleTimeoutSeconds: IDLE_TIMEOUT_SECONDS,
  });
  try {
    await body(server);
  } finally {
    await server.close();
  }
}

/** Asserts that the server has seen no WebSocket at all, by every measure. */
async function assertNoWebSocket(server: TestServer) {
  assert.equal(server.app.echo.openConnections, 0);
  assert.equal(server.app.echo.metrics.connectionsTotal, 0);
  const health = await (await fetch(`${server.origin}/api/health`)).json();
  assert.equal(health.openConnections, 0);
}

Deno.test("stall - a client that stops in the middle of a frame is closed with 1001 within IDLE_TIMEOUT_SECONDS", async () => {
  await withServer(async (server) => {
    const raw = await RawWebSocket.connect(server.port);
    try {
      // A 5-byte masked text frame, cut after its first payload byte.
      await raw.conn.write(new Uint8Array([0x81, 0x85, 1, 2, 3, 4, 0x40]));
      const stalled = performance.now();
      const ping = await raw.read();
      assert.equal(ping?.opcode, OPCODE_PING);
      // Bytes that would be the pong are the frame's payload to Deno: a peer
      // stuck mid-frame cannot answer, so the ping timeout covers it.
      assert.deepEqual(await raw.readUntilClose(), {
        code: 1001,
        reason: "No response from ping frame.",
      });
      const seconds = (performance.now() - stalled) / 1000;
      assert.ok(
        seconds <= IDLE_TIMEOUT_SECONDS + 0.5,
        `closed after ${seconds.toFixed(2)} s`,
      );
      assert.equal(await raw.read(), null);
      assert.equal(server.app.echo.openConnections, 0);
      // Counted and logged once, though Deno dispatches close twice.
      assert.deepEqual([...server.app.echo.metrics.closesByCode], [[1001, 1]]);
      const closes = server.logs.filter((l) => l.includes('"event":"close"'));
      assert.equal(closes.length, 1);
      assert.equal(server.app.echo.metrics.messagesIn, 0);
    } finally {
      raw.close();
    }
  });
});

Deno.test("stall - a client that never sends its request stays connected past any timeout and never counts as a WebSocket", async () => {
  await withServer(async (server) => {
    const conn = await Deno.connect({
      hostname: "127.0.0.1",
      port: server.port,
    });
    try {
      // Deno has no timeout before a request's head is complete (README,
      // Limits of the runtime): well past twice the idle timeout, the
      // connection is still there, and the server has not seen it.
      await delay(2 * IDLE_TIMEOUT_SECONDS * 1000 + 1000);
      await assertNoWebSocket(server);
      await conn.write(REQUEST);
      assert.equal((await readResponse(conn)).status, 101);
      assert.equal(server.app.echo.openConnections, 1);
    } finally {
      conn.close();
    }
  });
});

Deno.test("stall - a client that sends its request a byte a second stays connected and never counts as a WebSocket until it is complete", async () => {
  await withServer(async (server) => {
    const conn = await Deno.connect({
      hostname: "127.0.0.1",
      port: server.port,
    });
    try {
      const trickled = 2 * IDLE_TIMEOUT_SECONDS + 1;
      for (let i = 0; i < trickled; i++) {
        await conn.write(REQUEST.subarray(i, i + 1));
        await delay(1000);
      }
      await assertNoWebSocket(server);
      await conn.write(REQUEST.subarray(trickled));
      assert.equal((await readResponse(conn)).status, 101);
      assert.equal(server.app.echo.openConnections, 1);
    } finally {
      conn.close();
    }
  });
});

Deno.test("stall - a client that stops reading while its echo is queued is not closed by the ping timeout, only by leaving", async () => {
  await withServer(async (server) => {
    const raw = await RawWebSocket.connect(server.port);
    const echo = server.app.echo;
    try {
      // More than loopback's socket buffers hold: Deno's write of the echo
      // blocks, and its ping and close frames wait behind it (README).
      await raw.send(OPCODE_BINARY, new Uint8Array(16 * 1024 * 1024));
      await delay(2 * IDLE_TIMEOUT_SECONDS * 1000 + 1000);
      assert.equal(echo.openConnections, 1);
      assert.equal(echo.metrics.closesByCode.size, 0);
    } finally {
      // Unread data makes this a reset, which ends it at once.
      raw.close();
    }
    const deadline = Date.now() + 2000;
    while (echo.openConnections > 0 && Date.now() < deadline) await delay(20);
    assert.equal(echo.openConnections, 0);
  });
});
