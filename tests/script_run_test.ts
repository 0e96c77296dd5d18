import assert from "node:assert/strict";
import { socketIo, waitForOpen } from "../client/script_io.ts";
import { parseScript } from "../client/script_parse.ts";
import { runScript, type StepReport } from "../client/script_run.ts";
import { closeSocket, startServer } from "./helpers.ts";

const EXAMPLE = new URL("../examples/echo.script.json", import.meta.url);

Deno.test("script run - every kind of step passes against the echo server", async (t) => {
  const server = await startServer();
  try {
    await t.step("the example script, close included", async () => {
      const script = parseScript(await Deno.readTextFile(EXAMPLE));
      const ws = new WebSocket(`${server.wsOrigin}/api/ws`);
      const io = socketIo(ws);
      await waitForOpen(ws, 5000);
      const passed: string[] = [];
      const onStep = (r: StepReport) => {
        if (r.status === "passed") passed.push(r.path);
      };
      const result = await runScript(script, io, { onStep });
      assert.deepEqual(result.ok ? "passed" : result.failure.message, "passed");
      assert.equal(passed.length, 18);
      assert.deepEqual(passed.slice(-3), ["10", "11", "12"]);
      assert.equal(ws.readyState, WebSocket.CLOSED);
      io.dispose();
    });

    await t.step("base64, empty messages and a repeat on a clock", async () => {
      const ws = new WebSocket(`${server.wsOrigin}/api/ws`);
      const io = socketIo(ws);
      await waitForOpen(ws, 5000);
      const result = await runScript(
        parseScript({
          steps: [
            { send: { base64: "AP8Q" } },
            { expect: { hex: "00 ff 10" } },
            { send: "" },
            { expect: { equals: "" } },
            { send: { hex: "" } },
            { expect: { hex: "" } },
            {
              repeat: {
                everyMs: 20,
                forMs: 60,
                steps: [{ send: "t" }, { expect: { matches: "^t$" } }],
              },
            },
            { close: { code: 4000, reason: "bye" } },
            { expectClose: { code: 4000, reason: "bye" } },
          ],
        }),
        io,
      );
      assert.deepEqual(result.ok ? "passed" : result.failure.message, "passed");
      io.dispose();
    });

    await t.step("a failing expectation fails with what came", async () => {
      const ws = new WebSocket(`${server.wsOrigin}/api/ws`);
      const io = socketIo(ws);
      await waitForOpen(ws, 5000);
      const result = await runScript(
        parseScript({
          steps: [
            { send: { json: { id: 1, op: "sub" } } },
            { expect: { json: { id: 2 } } },
            { send: "never sent" },
          ],
        }),
        io,
      );
      assert.ok(!result.ok);
      assert.equal(
        result.failure.message,
        'Step 2 (expect json {"id":2}) failed: expected json {"id":2}, received {"id":1,"op":"sub"}; $.id: expected 2, got 1',
      );
      io.dispose();
      await closeSocket(ws);
    });

    await t.step("a send after the close fails", async () => {
      const ws = new WebSocket(`${server.wsOrigin}/api/ws`);
      const io = socketIo(ws);
      await waitForOpen(ws, 5000);
      const result = await runScript(
        parseScript({
          steps: [{ close: {} }, { expectClose: {} }, { send: "late" }],
        }),
        io,
      );
      assert.ok(!result.ok);
      assert.equal(
        result.failure.message,
        'Step 3 (send "late") failed: Cannot send: the socket is closed',
      );
      io.dispose();
    });
  } finally {
    await server.close();
  }
});

Deno.test("script run - waitForOpen rejects when nothing listens", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
  await assert.rejects(waitForOpen(ws, 5000), (error: Error) => {
    // Deno says why; a browser's error event carries no detail.
    assert.equal(
      error.message,
      "NetworkError: failed to connect to WebSocket: tcp connect error",
    );
    return true;
  });
});
