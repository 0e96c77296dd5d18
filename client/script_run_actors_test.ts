import assert from "node:assert/strict";
import { IncomingQueue, type ScriptIo } from "./script_io.ts";
import { parseScript } from "./script_parse.ts";
import { runScript, type StepReport } from "./script_run.ts";

/**
 * A room in memory: what a member sends reaches every member, itself
 * included; a member's close ends only its own connection.
 */
function room(...names: string[]) {
  const queues = new Map(names.map((name) => [name, new IncomingQueue()]));
  const sent: string[] = [];
  const ios = new Map<string, ScriptIo>(names.map((name) => [name, {
    send(data) {
      sent.push(`${name}: ${data}`);
      for (const queue of queues.values()) queue.push({ data });
    },
    close(code, reason) {
      queues.get(name)!.push({
        closed: { code: code ?? 1005, reason: reason ?? "" },
      });
    },
    next: (timeoutMs, signal) => queues.get(name)!.next(timeoutMs, signal),
  }]));
  return { ios, queues, sent };
}

function lines(reports: StepReport[]): string[] {
  return reports.filter((r) => r.status !== "pending").map((r) =>
    `${r.status} ${r.path} ${r.label}`
  );
}

const CONNECTIONS = {
  alice: { url: "ws://127.0.0.1/api/ws?room=r" },
  bob: { url: "ws://127.0.0.1/api/ws?room=r" },
};

Deno.test("runScript - two actors: each step acts on its connection, the first by default", async () => {
  const script = parseScript({
    connections: CONNECTIONS,
    steps: [
      { send: "from alice" },
      { expect: { equals: "from alice" }, on: "bob" },
      { expect: { equals: "from alice" } },
      {
        repeat: {
          times: 2,
          steps: [{ send: "b" }, { expect: { equals: "b" }, on: "alice" }],
        },
        on: "bob",
      },
      { wait: 0 },
      { close: { code: 1000 }, on: "bob" },
      { expectClose: { code: 1000 }, on: "bob" },
    ],
  });
  const { ios, sent } = room("alice", "bob");
  const reports: StepReport[] = [];
  const result = await runScript(script, ios, {
    onStep: (r) => reports.push(r),
  });
  assert.equal(result.ok ? "passed" : result.failure.message, "passed");
  assert.deepEqual(lines(reports), [
    'passed 1 send "from alice" on alice',
    'passed 2 expect equals "from alice" on bob',
    'passed 3 expect equals "from alice" on alice',
    'passed 4.1.1 send "b" on bob',
    'passed 4.1.2 expect equals "b" on alice',
    'passed 4.2.1 send "b" on bob',
    'passed 4.2.2 expect equals "b" on alice',
    "passed 4 repeat 2 times on bob",
    "passed 5 wait 0 ms",
    "passed 6 close 1000 on bob",
    "passed 7 expect close 1000 on bob",
  ]);
  assert.deepEqual(sent, ["alice: from alice", "bob: b", "bob: b"]);
});

Deno.test("runScript - a failed expectation names the connection, what it expected and what came", async () => {
  const script = parseScript({
    connections: CONNECTIONS,
    steps: [
      { send: "hello" },
      { expect: { equals: "hullo" }, on: "bob" },
      { send: "never" },
    ],
  });
  const { ios, sent } = room("alice", "bob");
  const result = await runScript(script, ios);
  assert.ok(!result.ok);
  assert.equal(
    result.failure.message,
    'Step 2 (expect equals "hullo" on bob) failed: expected "hullo", received "hello"',
  );
  assert.equal(result.failure.expected, '"hullo"');
  assert.equal(result.failure.received, '"hello"');
  assert.deepEqual(sent, ["alice: hello"]);
});

Deno.test("runScript - bob waiting for a message alice never sends times out naming bob", async () => {
  const script = parseScript({
    connections: CONNECTIONS,
    steps: [{ expect: { equals: "x" }, on: "bob", timeoutMs: 20 }],
  });
  const { ios, queues } = room("alice", "bob");
  // What alice receives is hers: it does not satisfy bob.
  queues.get("alice")!.push({ data: "x" });
  const result = await runScript(script, ios);
  assert.ok(!result.ok);
  assert.equal(
    result.failure.message,
    'Step 1 (expect equals "x" on bob) failed: expected "x", received nothing within 20 ms',
  );
});

Deno.test("runScript - expectClose on bob waits for bob's close, not alice's", async () => {
  const script = parseScript({
    connections: CONNECTIONS,
    steps: [
      { close: { code: 4001 } },
      { expectClose: { code: 4001 }, on: "bob", timeoutMs: 20 },
    ],
  });
  const { ios } = room("alice", "bob");
  const result = await runScript(script, ios);
  assert.ok(!result.ok);
  assert.equal(
    result.failure.message,
    "Step 2 (expect close 4001 on bob) failed: expected close 4001, received nothing within 20 ms",
  );
});
