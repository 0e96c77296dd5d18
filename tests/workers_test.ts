import assert from "node:assert/strict";
import { closeSocket, openSocket, receive } from "./helpers.ts";
import { spawnServer } from "./server_process.ts";

Deno.test("workers - with WORKERS=2, /metrics sums every worker's counters, labelled by worker", async () => {
  const server = await spawnServer({ WORKERS: "2", LOG_LEVEL: "warn" });
  try {
    const url = `ws://127.0.0.1:${server.port}/api/ws`;
    const CLIENTS = 20;
    const MESSAGES = 10;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const ws = await openSocket(url);
        const got = receive(ws, MESSAGES);
        for (let i = 0; i < MESSAGES; i++) ws.send(`m${i}`);
        assert.equal((await got).length, MESSAGES);
        await closeSocket(ws);
      }),
    );
    const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`))
      .text();
    const received = [
      ...text.matchAll(
        /^echo_messages_received_total\{worker="([0-9a-f]{8})"\} (\d+)$/gm,
      ),
    ];
    assert.equal(received.length, 2, text);
    assert.notEqual(received[0][1], received[1][1]);
    const total = received.reduce((n, m) => n + Number(m[2]), 0);
    assert.equal(total, CLIENTS * MESSAGES);
  } finally {
    server.child.kill("SIGTERM");
    assert.equal((await server.status).code, 0);
  }
});
