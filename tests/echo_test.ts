import assert from "node:assert/strict";
import {
  closed,
  closeSocket,
  openSocket,
  receive,
  startServer,
} from "./helpers.ts";
import { rawRequest } from "./raw_http.ts";

Deno.test("echo - sends every message back unchanged", async (t) => {
  const server = await startServer();
  const ws = await openSocket(`${server.wsOrigin}/api/ws`);
  try {
    await t.step("text", async () => {
      const got = receive(ws);
      ws.send("hello");
      assert.deepEqual(await got, ["hello"]);
    });

    await t.step("unicode, including 4-byte characters", async () => {
      const text = "héllo wörld — 日本語 😀🎉 𝄞";
      const got = receive(ws);
      ws.send(text);
      assert.deepEqual(await got, [text]);
    });

    await t.step("empty text and empty binary", async () => {
      const got = receive(ws, 2);
      ws.send("");
      ws.send(new Uint8Array(0));
      const [text, binary] = await got;
      assert.equal(text, "");
      assert.ok(binary instanceof ArrayBuffer);
      assert.equal(binary.byteLength, 0);
    });

    await t.step("binary with all 256 byte values, as binary", async () => {
      const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
      const got = receive(ws);
      ws.send(bytes);
      const [echo] = await got;
      assert.ok(echo instanceof ArrayBuffer);
      assert.deepEqual(new Uint8Array(echo), bytes);
    });

    await t.step("a 1 MiB message, byte-exact", async () => {
      const bytes = new Uint8Array(1024 * 1024);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff;
      const got = receive(ws);
      ws.send(bytes);
      const [echo] = await got;
      assert.deepEqual(new Uint8Array(echo as ArrayBuffer), bytes);
    });

    await t.step("1,000 messages arrive in order", async () => {
      const sent = Array.from({ length: 1000 }, (_, i) => `message ${i}`);
      const got = receive(ws, sent.length);
      for (const message of sent) ws.send(message);
      assert.deepEqual(await got, sent);
    });
  } finally {
    await closeSocket(ws);
    await server.close();
  }
});

Deno.test("echo - answers an upgrade on / too, for tutorial clients", async () => {
  const server = await startServer();
  try {
    const ws = await openSocket(`${server.wsOrigin}/`);
    const got = receive(ws);
    ws.send("from the classic client");
    assert.deepEqual(await got, ["from the classic client"]);
    await closeSocket(ws);
  } finally {
    await server.close();
  }
});

Deno.test("echo - a plain GET /api/ws gets 426 with Upgrade: websocket", async () => {
  const server = await startServer();
  try {
    const res = await fetch(`${server.origin}/api/ws`);
    assert.equal(res.status, 426);
    assert.equal(res.headers.get("upgrade"), "websocket");
    assert.equal(
      res.headers.get("content-type"),
      "text/plain; charset=UTF-8",
    );
    assert.match(await res.text(), /WebSocket echo endpoint/);
  } finally {
    await server.close();
  }
});

Deno.test("echo - the close code and reason come back in the close handshake", async () => {
  const server = await startServer();
  try {
    const ws = await openSocket(`${server.wsOrigin}/api/ws`);
    const done = closed(ws);
    ws.close(4321, "done here");
    const event = await done;
    assert.equal(event.code, 4321);
    assert.equal(event.reason, "done here");
    assert.equal(event.wasClean, true);
  } finally {
    await server.close();
  }
});

Deno.test("echo - a query string does not change the path; other paths never upgrade", async () => {
  const server = await startServer();
  try {
    const ws = await openSocket(`${server.wsOrigin}/api/ws?token=abc`);
    const got = receive(ws);
    ws.send("with a query");
    assert.deepEqual(await got, ["with a query"]);
    await closeSocket(ws);
    const other = await rawRequest(server.port, { path: "/api/health" });
    assert.equal(other.status, 200);
    const missing = await rawRequest(server.port, { path: "/api/wsx" });
    assert.equal(missing.status, 404);
  } finally {
    await server.close();
  }
});
