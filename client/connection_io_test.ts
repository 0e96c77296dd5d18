import assert from "node:assert/strict";
import { Connection } from "./connection.ts";
import { recordConnection, runOnConnection } from "./connection_io.ts";
import { Recorder } from "./script_recorder.ts";
import { parseScript } from "./script_parse.ts";
import { FakeSocket } from "./test_fakes.ts";

/** A socket that opens at once and echoes, or refuses when told to. */
class EchoSocket extends FakeSocket {
  constructor(url: string, protocols: string[]) {
    super(url, protocols);
    setTimeout(() => {
      if (url.includes("refuse")) return this.closed(1006, "", false);
      this.open(protocols[0] ?? "");
    }, 1);
  }
  override send(data: string | ArrayBufferView<ArrayBuffer>) {
    const copy = typeof data === "string"
      ? data
      : new Uint8Array(data.buffer as ArrayBuffer).slice().buffer;
    setTimeout(() => this.message(copy), 1);
  }
  override close(code = 1005, reason = "") {
    this.readyState = 2;
    setTimeout(() => this.closed(code, reason, true), 1);
  }
}

function setUp() {
  const sockets: EchoSocket[] = [];
  const connection = new Connection({
    createSocket: (url, protocols) => {
      const socket = new EchoSocket(url, protocols);
      sockets.push(socket);
      return socket;
    },
  });
  return { connection, sockets };
}

Deno.test("runOnConnection - with no socket open it connects to the script's URL, runs, and marks each step", async () => {
  const { connection, sockets } = setUp();
  const script = parseScript({
    url: "ws://echo.test/ws?delay=1",
    protocols: ["chat"],
    steps: [
      { send: "hi" },
      { expect: { equals: "hi" } },
      { send: { hex: "00ff" } },
      { expect: { hex: "00ff" } },
      { close: { code: 4000, reason: "bye" } },
      { expectClose: { code: 4000, reason: "bye" } },
    ],
  });
  const connected: unknown[] = [];
  const result = await runOnConnection(connection, script, {
    url: "ws://field.test/ws",
    onConnect: (url, protocols) => connected.push(url, protocols),
  });
  assert.equal(result.ok, true);
  assert.deepEqual(connected, ["ws://echo.test/ws?delay=1", ["chat"]]);
  assert.deepEqual(sockets[0].protocols, ["chat"]);
  // The snapshot takes the last mark at the next flush.
  await new Promise((resolve) => setTimeout(resolve, 80));
  const marks = connection.snapshot.trace.flatMap((e) =>
    e.kind === "mark" ? [[e.label, e.ok]] : []
  );
  assert.deepEqual(marks, [1, 2, 3, 4, 5, 6].map((n) => [`step ${n}`, true]));
  connection.dispose();
});

Deno.test("runOnConnection - runs on the open socket, ignoring the script's URL", async () => {
  const { connection, sockets } = setUp();
  connection.connect("ws://open.test/ws");
  const script = parseScript({
    url: "ws://elsewhere.test/ws",
    steps: [{ send: "a" }, { expect: { equals: "b" }, timeoutMs: 50 }],
  });
  const result = await runOnConnection(connection, script, { url: "" });
  assert.equal(sockets.length, 1);
  assert.equal(result.ok, false);
  assert.equal(
    !result.ok && "failure" in result && result.failure.message,
    'Step 2 (expect equals "b") failed: expected "b", received "a"',
  );
  connection.dispose();
});

Deno.test("runOnConnection - a socket that does not open is the command's one line", async () => {
  const { connection } = setUp();
  const script = parseScript({ steps: [{ send: "a" }] });
  const result = await runOnConnection(connection, script, {
    url: "ws://refuse.test/ws",
  });
  assert.deepEqual(result, {
    ok: false,
    connectError:
      "Cannot connect to ws://refuse.test/ws: closed before opening (code 1006)",
  });
  connection.dispose();
});

Deno.test("runOnConnection - a send after the socket closed fails its step as the command's does", async () => {
  const { connection } = setUp();
  const script = parseScript({
    url: "ws://echo.test/ws",
    steps: [{ close: {} }, { expectClose: {} }, { send: "late" }],
  });
  const result = await runOnConnection(connection, script, { url: "" });
  assert.equal(
    !result.ok && "failure" in result && result.failure.message,
    'Step 3 (send "late") failed: Cannot send: the socket is closed',
  );
  connection.dispose();
});

Deno.test("recordConnection - sends, echoes and closes become a script until stopped", async () => {
  const { connection } = setUp();
  const recorder = new Recorder({ url: "ws://echo.test/ws" });
  let changes = 0;
  const stop = recordConnection(connection, () => recorder, () => changes++);
  connection.connect("ws://echo.test/ws");
  await new Promise((resolve) => connection.addListener("open", resolve));
  connection.send("hi");
  await new Promise((resolve) => connection.addListener("message", resolve));
  connection.close(1000);
  await new Promise((resolve) => connection.addListener("close", resolve));
  stop();
  connection.connect("ws://echo.test/ws");
  connection.dispose();
  assert.deepEqual(recorder.script(), {
    url: "ws://echo.test/ws",
    steps: [
      { send: "hi" },
      { expect: { equals: "hi" } },
      { close: { code: 1000 } },
      { expectClose: { code: 1000, reason: "" } },
    ],
  });
  assert.equal(changes, 4);
});
