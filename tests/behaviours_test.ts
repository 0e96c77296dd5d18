import assert from "node:assert/strict";
import {
  closed,
  closeSocket,
  openSocket,
  receive,
  startServer,
} from "./helpers.ts";
import { rawExchange, rawRequest } from "./raw_http.ts";
import { OPCODE_TEXT, RawWebSocket } from "./raw_ws.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Collects every message until the close, with the close event. */
function collectUntilClose(
  ws: WebSocket,
): Promise<{ messages: (string | ArrayBuffer)[]; event: CloseEvent }> {
  const messages: (string | ArrayBuffer)[] = [];
  return new Promise((resolve) => {
    ws.onmessage = (e) => messages.push(e.data);
    ws.onclose = (event) => resolve({ messages, event });
  });
}

Deno.test("behaviours - delay sends every echo that long after its message, in order", async () => {
  const server = await startServer();
  const ws = await openSocket(`${server.wsOrigin}/api/ws?delay=150`);
  try {
    const arrivals: [string, number][] = [];
    const got = new Promise<void>((resolve) => {
      ws.onmessage = (e) => {
        arrivals.push([e.data, performance.now()]);
        if (arrivals.length === 3) resolve();
      };
    });
    const sent = performance.now();
    ws.send("one");
    ws.send(new Uint8Array([0, 255]));
    ws.send("three");
    await got;
    assert.deepEqual(arrivals.map(([data]) => data), [
      "one",
      new Uint8Array([0, 255]).buffer,
      "three",
    ]);
    for (const [, at] of arrivals) assert.ok(at - sent >= 149, `${at - sent}`);
  } finally {
    await closeSocket(ws);
    await server.close();
  }
});

Deno.test("behaviours - status refuses the handshake with that status and a plain-text body", async (t) => {
  const server = await startServer();
  try {
    const expected = "Refused with 503 because the URL asks for ?status=503\n";
    await t.step("an upgrade is refused, nothing is upgraded", async () => {
      const res = await rawRequest(server.port, { path: "/api/ws?status=503" });
      assert.equal(res.status, 503);
      assert.equal(
        res.headers.get("content-type"),
        "text/plain; charset=utf-8",
      );
      assert.equal(res.body, expected);
      assert.equal(server.app.echo.metrics.connectionsTotal, 0);
    });
    await t.step("on / as well", async () => {
      const res = await rawRequest(server.port, { path: "/?status=418" });
      assert.equal(res.status, 418);
    });
    await t.step("a plain GET gets the same status and body", async () => {
      const res = await fetch(`${server.origin}/api/ws?status=503`);
      assert.equal(res.status, 503);
      assert.equal(await res.text(), expected);
    });
    await t.step(
      "a plain GET without it is still told how to connect",
      async () => {
        const res = await fetch(`${server.origin}/api/ws?delay=5`);
        assert.equal(res.status, 426);
        await res.body?.cancel();
      },
    );
  } finally {
    await server.close();
  }
});

Deno.test("behaviours - close ends the connection with that code and reason after N echoes", async (t) => {
  const server = await startServer();
  try {
    await t.step("after 2 echoes", async () => {
      const ws = await openSocket(
        `${server.wsOrigin}/api/ws?close=4001&reason=${
          encodeURIComponent("bye now")
        }&after=2`,
      );
      const done = collectUntilClose(ws);
      // A message sent after the server's close frame would make Deno drop
      // the TCP connection (see the README's limits of the runtime).
      ws.send("a");
      ws.send("b");
      const { messages, event } = await done;
      assert.deepEqual(messages, ["a", "b"]);
      assert.equal(event.code, 4001);
      assert.equal(event.reason, "bye now");
      assert.equal(event.wasClean, true);
    });
    await t.step("by default right after the open", async () => {
      const ws = new WebSocket(`${server.wsOrigin}/api/ws?close=1011`);
      const { messages, event } = await collectUntilClose(ws);
      assert.deepEqual(messages, []);
      assert.equal(event.code, 1011);
      assert.equal(event.reason, "");
    });
    await t.step("with delay, after the delayed echoes", async () => {
      const ws = await openSocket(
        `${server.wsOrigin}/api/ws?delay=50&close=1000&after=2`,
      );
      const done = collectUntilClose(ws);
      ws.send("x");
      ws.send("y");
      const { messages, event } = await done;
      assert.deepEqual(messages, ["x", "y"]);
      assert.equal(event.code, 1000);
    });
  } finally {
    await server.close();
  }
});

Deno.test("behaviours - push sends numbered messages with the server time, count of them", async () => {
  const server = await startServer();
  const ws = await openSocket(`${server.wsOrigin}/api/ws?push=10&count=3`);
  try {
    const pushes = (await receive(ws, 3)).map((m) => JSON.parse(m as string));
    assert.deepEqual(pushes.map((p) => p.push), [1, 2, 3]);
    for (const p of pushes) {
      assert.deepEqual(Object.keys(p), ["push", "time"]);
      assert.equal(new Date(p.time).toISOString(), p.time);
    }
    // Past the count, the next message is the echo, not a fourth push.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const echo = receive(ws);
    ws.send("still an echo");
    assert.deepEqual(await echo, ["still an echo"]);
    assert.equal(server.app.echo.metrics.pushesOut, 3);
  } finally {
    await closeSocket(ws);
    await server.close();
  }
});

Deno.test("behaviours - pushes stop when the socket closes, leaving no timer", async () => {
  const server = await startServer();
  const ws = await openSocket(`${server.wsOrigin}/api/ws?push=10`);
  await receive(ws, 2);
  await closeSocket(ws);
  // Deno's sanitizers fail this test if the interval outlived the socket.
  const pushed = server.app.echo.metrics.pushesOut;
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(server.app.echo.metrics.pushesOut, pushed);
  await server.close();
});

Deno.test("behaviours - handshake reports the request as the server saw it, credentials hidden", async () => {
  const server = await startServer();
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: server.port });
  try {
    const head = [
      "GET /api/ws?handshake=1&token=t HTTP/1.1",
      "Host: 127.0.0.1",
      "Upgrade: websocket",
      "Connection: Upgrade",
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
      "Sec-WebSocket-Version: 13",
      "Sec-WebSocket-Protocol: chat, json",
      "Cookie: session=s3cret-value",
      "Authorization: Bearer abc.def",
      "X-Custom: Kept As Is",
    ].join("\r\n") + "\r\n\r\n";
    await conn.write(encoder.encode(head));
    const raw = await readFirstTextFrame(conn);
    const report = JSON.parse(raw);
    const local = conn.localAddr as Deno.NetAddr;
    assert.deepEqual(report, {
      method: "GET",
      path: "/api/ws?handshake=1&token=t",
      headers: [
        ["authorization", "(hidden: 14 characters)"],
        ["connection", "Upgrade"],
        ["cookie", "(hidden: 20 characters)"],
        ["host", "127.0.0.1"],
        ["sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="],
        ["sec-websocket-protocol", "chat, json"],
        ["sec-websocket-version", "13"],
        ["upgrade", "websocket"],
        ["x-custom", "Kept As Is"],
      ],
      remote: `127.0.0.1:${local.port}`,
      protocol: "chat",
    });
    assert.ok(!raw.includes("s3cret") && !raw.includes("abc.def"));
  } finally {
    conn.close();
    await server.close();
  }
});

/** Reads past the 101 head and returns the first text frame's payload. */
async function readFirstTextFrame(conn: Deno.Conn): Promise<string> {
  let bytes = new Uint8Array(0);
  const chunk = new Uint8Array(16 * 1024);
  while (true) {
    const n = await conn.read(chunk);
    if (n === null) throw new Error("stream ended");
    const next = new Uint8Array(bytes.length + n);
    next.set(bytes);
    next.set(chunk.subarray(0, n), bytes.length);
    bytes = next;
    const text = decoder.decode(bytes);
    const end = text.indexOf("\r\n\r\n");
    if (end < 0) continue;
    assert.match(text, /^HTTP\/1\.1 101 /);
    const frame = bytes.subarray(encoder.encode(text.slice(0, end + 4)).length);
    if (frame.length < 2) continue;
    assert.equal(frame[0] & 0x0f, OPCODE_TEXT);
    let length = frame[1] & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (frame.length < 4) continue;
      length = (frame[2] << 8) | frame[3];
      offset = 4;
    }
    if (frame.length < offset + length) continue;
    return decoder.decode(frame.subarray(offset, offset + length));
  }
}

Deno.test("behaviours - a malformed value gets 400 before any upgrade, naming the parameter", async (t) => {
  const server = await startServer();
  try {
    const cases: [string, string][] = [
      ["delay=soon", 'delay is "soon", expected an integer 0-60000'],
      ["status=200", 'status is "200", expected an integer 400-599'],
      [
        "close=1006",
        'close is "1006", expected a close code 1000-1003, 1007-1013 or 3000-4999',
      ],
      ["reason=why", "reason is given without close, which it modifies"],
      ["push=1", 'push is "1", expected an integer 10-60000'],
      ["handshake=yes", 'handshake is "yes", expected 1'],
    ];
    for (const [query, line] of cases) {
      await t.step(query, async () => {
        const res = await rawRequest(server.port, { path: `/api/ws?${query}` });
        assert.equal(res.status, 400);
        assert.equal(res.body, `${line}\n`);
      });
    }
    assert.equal(server.app.echo.metrics.connectionsTotal, 0);
    assert.equal(
      server.app.echo.metrics.rejectionsByReason.get("behaviour"),
      cases.length,
    );
  } finally {
    await server.close();
  }
});

Deno.test("behaviours - unknown parameters are ignored: an exact echo", async () => {
  const server = await startServer();
  const ws = await openSocket(`${server.wsOrigin}/api/ws?token=abc&_=17&x`);
  try {
    const got = receive(ws, 2);
    ws.send("text");
    ws.send(new Uint8Array([1, 2, 3]));
    assert.deepEqual(await got, ["text", new Uint8Array([1, 2, 3]).buffer]);
    assert.equal(server.app.echo.metrics.pushesOut, 0);
  } finally {
    await closeSocket(ws);
    await server.close();
  }
});

Deno.test("behaviours - TEST_CONTROLS=false refuses them with 400 and still echoes", async () => {
  const server = await startServer({ testControls: false });
  try {
    const res = await rawRequest(server.port, {
      path: "/api/ws?delay=10&close=1000",
    });
    assert.equal(res.status, 400);
    assert.equal(
      res.body,
      'Server behaviours are turned off here (TEST_CONTROLS=false): remove "delay", "close" from the URL\n',
    );
    const plain = await fetch(`${server.origin}/api/ws?status=500`);
    assert.equal(plain.status, 400);
    await plain.body?.cancel();
    const ws = await openSocket(`${server.wsOrigin}/api/ws?cache=1`);
    const got = receive(ws);
    ws.send("plain");
    assert.deepEqual(await got, ["plain"]);
    await closeSocket(ws);
  } finally {
    await server.close();
  }
});

Deno.test("behaviours - delayed echoes count towards the slow-reader limit", async () => {
  const server = await startServer({
    maxMessageBytes: 32 * 1024,
    sendHighWaterBytes: 64 * 1024,
  });
  const bystander = await openSocket(`${server.wsOrigin}/api/ws`);
  try {
    const ws = await openSocket(`${server.wsOrigin}/api/ws?delay=5000`);
    const done = collectUntilClose(ws);
    const chunk = new Uint8Array(32 * 1024);
    for (let i = 0; i < 3; i++) ws.send(chunk);
    const { messages, event } = await done;
    assert.deepEqual(messages, []);
    assert.equal(event.code, 1013);
    assert.equal(
      event.reason,
      "Client is not reading: over 65536 bytes queued",
    );
    const got = receive(bystander);
    bystander.send("fine");
    assert.deepEqual(await got, ["fine"]);
  } finally {
    await closeSocket(bystander);
    await server.close();
  }
});

Deno.test("behaviours - at shutdown, delayed echoes within the grace period go out before the 1001", async (t) => {
  await t.step("due within the grace period: sent, then 1001", async () => {
    const server = await startServer();
    const ws = await openSocket(`${server.wsOrigin}/api/ws?delay=200`);
    const done = collectUntilClose(ws);
    ws.send("1");
    ws.send("2");
    await waitFor(() => server.app.echo.metrics.messagesIn === 2);
    await server.app.echo.shutdown(1000);
    const { messages, event } = await done;
    assert.deepEqual(messages, ["1", "2"]);
    assert.equal(event.code, 1001);
    assert.equal(event.reason, "Server shutting down");
    await server.close();
  });
  await t.step(
    "due after it: dropped, counted in the close log line",
    async () => {
      const server = await startServer();
      const ws = await openSocket(`${server.wsOrigin}/api/ws?delay=5000`);
      const done = collectUntilClose(ws);
      ws.send("late");
      await waitFor(() => server.app.echo.metrics.messagesIn === 1);
      const started = performance.now();
      await server.app.echo.shutdown(1000);
      const { messages, event } = await done;
      assert.ok(performance.now() - started < 1500);
      assert.deepEqual(messages, []);
      assert.equal(event.code, 1001);
      const close = server.logs.map((l) => JSON.parse(l)).find((r) =>
        r.event === "close"
      );
      assert.equal(close.delayedEchoesDropped, 1);
      await server.close();
    },
  );
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

Deno.test("behaviours - a raw peer's frames are echoed after the delay too", async () => {
  const server = await startServer();
  const raw = await RawWebSocket.connect(server.port, "/api/ws?delay=20");
  try {
    await raw.send(OPCODE_TEXT, encoder.encode("raw"));
    const frame = await raw.read();
    assert.equal(frame?.opcode, OPCODE_TEXT);
    assert.equal(decoder.decode(frame!.payload), "raw");
  } finally {
    raw.conn.close();
    await server.close();
  }
});

Deno.test("behaviours - a refused status still leaves the server serving others", async () => {
  const server = await startServer();
  const ws = await openSocket(`${server.wsOrigin}/api/ws`);
  try {
    const res = await rawExchange(
      server.port,
      "GET /?status=500 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    );
    assert.equal(res.status, 500);
    const got = receive(ws);
    ws.send("after");
    assert.deepEqual(await got, ["after"]);
    assert.equal(
      server.app.echo.metrics.rejectionsByReason.get("status_requested"),
      1,
    );
    const after = closed(ws);
    ws.close(1000);
    assert.equal((await after).code, 1000);
  } finally {
    await server.close();
  }
});
