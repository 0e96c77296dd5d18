import assert from "node:assert/strict";
import type { Script } from "./script.ts";
import { IncomingQueue, type ScriptIo } from "./script_io.ts";
import { parseScript } from "./script_parse.ts";
import { runScript, type StepReport } from "./script_run.ts";

/** An echo in memory: what is sent comes back; close answers with itself. */
function echoIo() {
  const queue = new IncomingQueue();
  const sent: (string | Uint8Array)[] = [];
  const io: ScriptIo = {
    send(data) {
      sent.push(data);
      queue.push({ data });
    },
    close(code, reason) {
      queue.push({ closed: { code: code ?? 1005, reason: reason ?? "" } });
    },
    next: (timeoutMs, signal) => queue.next(timeoutMs, signal),
  };
  return { io, queue, sent };
}

function collect() {
  const reports: StepReport[] = [];
  const lines = () =>
    reports.filter((r) => r.status !== "pending").map((r) =>
      `${r.status} ${r.path} ${r.label}`
    );
  return { reports, lines, onStep: (r: StepReport) => reports.push(r) };
}

const EXAMPLE = new URL("../examples/echo.script.json", import.meta.url);

Deno.test("runScript - runs the example script to the end, reporting every step", async () => {
  const script = parseScript(await Deno.readTextFile(EXAMPLE));
  const { io, sent } = echoIo();
  const { reports, lines, onStep } = collect();
  const result = await runScript(script, io, { onStep });
  assert.equal(result.ok, true);
  assert.deepEqual(lines(), [
    'passed 1 send "hello"',
    'passed 2 expect equals "hello"',
    'passed 3 send json {"id":1,"op":"sub"}',
    'passed 4 expect json {"id":1}',
    "passed 5 send hex 00ff10",
    "passed 6 expect hex 00ff10",
    'passed 7 send "ping 42"',
    "passed 8 expect matches /^ping [0-9]+$/",
    "passed 9 wait 100 ms",
    'passed 10.1.1 send "x"',
    'passed 10.1.2 expect equals "x"',
    'passed 10.2.1 send "x"',
    'passed 10.2.2 expect equals "x"',
    'passed 10.3.1 send "x"',
    'passed 10.3.2 expect equals "x"',
    "passed 10 repeat 3 times",
    'passed 11 close 1000 "done"',
    "passed 12 expect close 1000",
  ]);
  assert.deepEqual(
    reports.slice(0, 3).map((r) => [r.status, r.path]),
    [["pending", "1"], ["passed", "1"], ["pending", "2"]],
  );
  assert.deepEqual(sent.slice(0, 3), [
    "hello",
    '{"id":1,"op":"sub"}',
    new Uint8Array([0, 255, 16]),
  ]);
});

Deno.test("runScript - the first failure stops the run and says what came", async () => {
  const { io, sent } = echoIo();
  const { lines, onStep } = collect();
  const result = await runScript(
    { steps: [{ send: "a" }, { expect: { equals: "b" } }, { send: "c" }] },
    io,
    { onStep },
  );
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.equal(
    result.failure.message,
    'Step 2 (expect equals "b") failed: expected "b", received "a"',
  );
  assert.equal(result.failure.expected, '"b"');
  assert.equal(result.failure.received, '"a"');
  assert.deepEqual(lines(), [
    'passed 1 send "a"',
    'failed 2 expect equals "b"',
  ]);
  assert.deepEqual(sent, ["a"]);
});

Deno.test("runScript - a JSON mismatch lists the differences", async () => {
  const { io } = echoIo();
  const result = await runScript(
    parseScript({
      steps: [
        { send: { json: { id: 1, op: "sub" } } },
        { expect: { json: { id: 2, op: "sub" } } },
      ],
    }),
    io,
  );
  assert.ok(!result.ok);
  assert.deepEqual(result.failure.diff, ["$.id: expected 2, got 1"]);
  assert.equal(
    result.failure.message,
    'Step 2 (expect json {"id":2,"op":"sub"}) failed: expected json {"id":2,"op":"sub"}, received {"id":1,"op":"sub"}; $.id: expected 2, got 1',
  );
});

Deno.test("runScript - a failure inside a repeat fails the repeat with the inner step's message", async () => {
  const { io } = echoIo();
  const { lines, onStep } = collect();
  const script: Script = {
    steps: [{
      repeat: {
        times: 3,
        steps: [{ send: "x" }, { expect: { matches: "^y" } }],
      },
    }],
  };
  const result = await runScript(script, io, { onStep });
  assert.ok(!result.ok);
  assert.equal(result.failure.path, "1.1.2");
  const message =
    'Step 1.1.2 (expect matches /^y/) failed: expected /^y/, received "x"';
  assert.equal(result.failure.message, message);
  assert.deepEqual(lines(), [
    'passed 1.1.1 send "x"',
    "failed 1.1.2 expect matches /^y/",
    "failed 1 repeat 3 times",
  ]);
});

Deno.test("runScript - an expectation with nothing coming fails at its timeout", async () => {
  const { io } = echoIo();
  const result = await runScript(
    { steps: [{ expect: { hex: "00" }, timeoutMs: 20 }] },
    io,
  );
  assert.ok(!result.ok);
  assert.equal(
    result.failure.message,
    "Step 1 (expect hex 00) failed: expected hex 00, received nothing within 20 ms",
  );
});

Deno.test("runScript - the run limit ends a long wait", async () => {
  const { io } = echoIo();
  const result = await runScript({ steps: [{ wait: 600000 }] }, io, {
    timeoutMs: 30,
  });
  assert.ok(!result.ok);
  assert.equal(
    result.failure.message,
    "Step 1 (wait 600000 ms) failed: the run limit of 30 ms was reached",
  );
});

Deno.test("runScript - the run limit ends an expectation before its own timeout", async () => {
  const { io } = echoIo();
  const result = await runScript(
    { steps: [{ expectClose: {}, timeoutMs: 600000 }] },
    io,
    { timeoutMs: 30 },
  );
  assert.ok(!result.ok);
  assert.equal(
    result.failure.message,
    "Step 1 (expect close) failed: the run limit of 30 ms was reached",
  );
});

Deno.test("runScript - aborting stops the step that is waiting", async () => {
  const { io } = echoIo();
  const controller = new AbortController();
  const onStep = (r: StepReport) => {
    if (r.status === "pending" && r.path === "2") {
      setTimeout(() => controller.abort(), 10);
    }
  };
  const result = await runScript(
    { steps: [{ wait: 0 }, { expect: { equals: "a" } }, { send: "b" }] },
    io,
    { onStep, signal: controller.signal },
  );
  assert.ok(!result.ok);
  assert.equal(
    result.failure.message,
    'Step 2 (expect equals "a") failed: stopped',
  );
});

Deno.test("runScript - expectClose skips messages until the close", async () => {
  const { io, queue } = echoIo();
  queue.push({ data: "pushed" });
  queue.push({ data: new Uint8Array([1]) });
  queue.push({ closed: { code: 1011, reason: "x" } });
  const result = await runScript(
    { steps: [{ expectClose: { code: 1011, reason: "x" } }] },
    io,
  );
  assert.equal(result.ok, true);
});

Deno.test("runScript - a message expected after the close fails with the close", async () => {
  const { io } = echoIo();
  const result = await runScript(
    {
      steps: [
        { close: { code: 3000, reason: "bye" } },
        { expect: { equals: "a" } },
      ],
    },
    io,
  );
  assert.ok(!result.ok);
  assert.equal(
    result.failure.message,
    'Step 2 (expect equals "a") failed: expected "a", received close 3000 "bye"',
  );
});

Deno.test("runScript - a send the connection refuses fails with its reason", async () => {
  const { io } = echoIo();
  io.send = () => {
    throw new Error("Cannot send: the socket is closed");
  };
  const result = await runScript({ steps: [{ send: "a" }] }, io);
  assert.ok(!result.ok);
  assert.equal(
    result.failure.message,
    'Step 1 (send "a") failed: Cannot send: the socket is closed',
  );
});

Deno.test("runScript - repeat every everyMs for forMs runs forMs / everyMs rounds", async () => {
  const { io, sent } = echoIo();
  const { lines, onStep } = collect();
  const result = await runScript(
    parseScript({
      steps: [{
        repeat: {
          everyMs: 10,
          forMs: 30,
          steps: [{ send: "t" }, { expect: { equals: "t" } }],
        },
      }],
    }),
    io,
    { onStep },
  );
  assert.equal(result.ok, true);
  assert.deepEqual(sent, ["t", "t", "t"]);
  assert.deepEqual(lines().filter((l) => l.includes("send")), [
    'passed 1.1.1 send "t"',
    'passed 1.2.1 send "t"',
    'passed 1.3.1 send "t"',
  ]);
});

Deno.test("runScript - an adapter that throws fails the step instead of rejecting", async () => {
  const { io } = echoIo();
  io.next = () => Promise.reject(new Error("Connection reset"));
  const result = await runScript(
    { steps: [{ expect: { equals: "a" } }] },
    io,
  );
  assert.ok(!result.ok);
  assert.equal(
    result.failure.message,
    'Step 1 (expect equals "a") failed: Connection reset',
  );
});
