import assert from "node:assert/strict";
import { runSpeedTest } from "./speed_run.ts";

/** A real echo on 127.0.0.1 port 0; `corruptAt` flips a byte of that message. */
function serveEcho(corruptAt = -1) {
  let seen = 0;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (request) => {
      const { socket, response } = Deno.upgradeWebSocket(request);
      socket.binaryType = "arraybuffer";
      socket.onmessage = (e) => {
        if (seen++ === corruptAt && e.data instanceof ArrayBuffer) {
          const bytes = new Uint8Array(e.data.slice(0));
          bytes[0] ^= 1;
          return socket.send(bytes);
        }
        socket.send(e.data);
      };
      return response;
    },
  );
  return { url: `ws://127.0.0.1:${server.addr.port}`, server };
}

Deno.test("runSpeedTest - echoes every message and reports on all of them", async () => {
  const { url, server } = serveEcho();
  try {
    const result = await runSpeedTest(
      { count: 500, size: 100, inFlight: 20, binary: true },
      { url },
    );
    assert.equal(result.stopped, undefined);
    assert.equal(result.report.messages, 500);
    assert.equal(result.report.bytes, 50_000);
    assert.equal(
      result.report.histogram.reduce((n, b) => n + b.count, 0),
      500,
    );
  } finally {
    await server.shutdown();
  }
});

Deno.test("runSpeedTest - stops at the first echo that differs", async () => {
  const { url, server } = serveEcho(3);
  try {
    const result = await runSpeedTest(
      { count: 10, size: 8, inFlight: 1, binary: true },
      { url },
    );
    assert.equal(
      result.stopped,
      "Echo of message 4 differs from what was sent",
    );
    assert.equal(result.report.messages, 3);
  } finally {
    await server.shutdown();
  }
});

Deno.test("runSpeedTest - reports a connection that fails", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const result = await runSpeedTest(
    { count: 10, size: 8, inFlight: 1, binary: false },
    { url: `ws://127.0.0.1:${port}` },
  );
  // Browsers report 1006 here and Deno 0; the wording is what matters.
  assert.match(
    result.stopped ?? "",
    /^Socket closed \(code (1006|0)\) after 0 of 10 messages$/,
  );
  assert.equal(result.report.messages, 0);
});

Deno.test("runSpeedTest - aborting ends the run with what it measured", async () => {
  const { url, server } = serveEcho();
  const controller = new AbortController();
  try {
    const result = await runSpeedTest(
      { count: 100_000, size: 16, inFlight: 1, binary: false },
      {
        url,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      },
    );
    assert.match(
      result.stopped ?? "",
      /^Stopped after \d+ of 100000 messages$/,
    );
    assert.ok(result.report.messages > 0);
  } finally {
    await server.shutdown();
  }
});
