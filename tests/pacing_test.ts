import assert from "node:assert/strict";
import {
  closeSocket,
  openSocket,
  receive,
  startServer,
  type TestServer,
} from "./helpers.ts";

const KIB = 1024;

/** A client that keeps sending a small message and reading its echo. */
function keepInteractive(server: TestServer): {
  stop(): Promise<number[]>;
} {
  const rtts: number[] = [];
  let running = true;
  const done = (async () => {
    const ws = await openSocket(`${server.wsOrigin}/api/ws`);
    while (running) {
      const got = receive(ws);
      const sent = performance.now();
      ws.send("ping");
      assert.deepEqual(await got, ["ping"]);
      rtts.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await closeSocket(ws);
  })();
  return {
    async stop() {
      running = false;
      await done;
      return rtts;
    },
  };
}

/** Sends `count` messages of `bytes` at once; resolves when all are echoed. */
async function bulk(
  server: TestServer,
  count: number,
  bytes: number,
): Promise<number> {
  const ws = await openSocket(`${server.wsOrigin}/api/ws`);
  const messages = Array.from(
    { length: count },
    (_, i) => new Uint8Array(bytes).fill(i),
  );
  const started = performance.now();
  const got = receive(ws, count);
  for (const message of messages) ws.send(message);
  const echoes = await got;
  const elapsed = performance.now() - started;
  // Paced or not, every byte comes back, in order.
  assert.deepEqual(
    echoes.map((e) => new Uint8Array(e as ArrayBuffer)),
    messages,
  );
  await closeSocket(ws);
  return elapsed;
}

const PACED = {
  byteRate: 512 * KIB,
  byteBurst: 64 * KIB,
  maxMessageBytes: 256 * KIB,
  sendHighWaterBytes: 4096 * KIB,
};

Deno.test("pacing - a bulk transfer alone runs at full speed", async () => {
  const server = await startServer(PACED);
  try {
    // 1 MiB at 512 KiB/s would take 1.9 s if it were paced.
    const elapsed = await bulk(server, 4, 256 * KIB);
    assert.ok(elapsed < 1000, `${elapsed} ms`);
  } finally {
    await server.close();
  }
});

Deno.test("pacing - next to an interactive client, a bulk transfer is held to byteRate and loses nothing", async () => {
  const server = await startServer(PACED);
  try {
    const interactive = keepInteractive(server);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const elapsed = await bulk(server, 4, 256 * KIB);
    await interactive.stop();
    // (1 MiB - 64 KiB burst) at 512 KiB/s: 1.875 s at the least.
    assert.ok(elapsed >= 1800, `${elapsed} ms`);
  } finally {
    await server.close();
  }
});

Deno.test("pacing - a flooder that does not wait for its echoes hits the slow-reader limit", async () => {
  const server = await startServer({
    ...PACED,
    sendHighWaterBytes: 512 * KIB,
  });
  try {
    const interactive = keepInteractive(server);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const ws = await openSocket(`${server.wsOrigin}/api/ws`);
    const closed = new Promise<CloseEvent>((resolve) => ws.onclose = resolve);
    // The fifth held echo passes 512 KiB. No more is sent: data after the
    // server's close frame makes Deno drop the connection instead.
    for (let i = 0; i < 5; i++) ws.send(new Uint8Array(128 * KIB));
    const event = await closed;
    assert.equal(event.code, 1013);
    assert.equal(
      event.reason,
      "Client is not reading: over 524288 bytes queued",
    );
    const rtts = await interactive.stop();
    assert.ok(rtts.length > 0);
  } finally {
    await server.close();
  }
});

Deno.test("pacing - BYTE_RATE=0 turns it off", async () => {
  const server = await startServer({ ...PACED, byteRate: 0 });
  try {
    const interactive = keepInteractive(server);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const elapsed = await bulk(server, 4, 256 * KIB);
    await interactive.stop();
    assert.ok(elapsed < 1000, `${elapsed} ms`);
  } finally {
    await server.close();
  }
});
