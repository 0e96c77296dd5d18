import assert from "node:assert/strict";
import { stepEntry, stepLine, stepMark } from "./script_report.ts";

Deno.test("stepMark - a step's result as a trace mark", () => {
  const step = { send: "a" };
  assert.deepEqual(
    stepMark({ path: "1", step, label: 'send "a"', status: "pending" }, 5),
    { at: 5, kind: "mark", label: "step 1", detail: 'send "a"' },
  );
  assert.deepEqual(
    stepMark(
      { path: "1", step, label: 'send "a"', status: "passed", ms: 0.25 },
      6,
    ),
    {
      at: 6,
      kind: "mark",
      label: "step 1",
      detail: 'send "a" 0.3 ms',
      ok: true,
    },
  );
  assert.deepEqual(
    stepMark({
      path: "2",
      step,
      label: 'send "a"',
      status: "failed",
      ms: 1,
      message: "Step 2 failed",
    }, 7),
    {
      at: 7,
      kind: "mark",
      label: "step 2",
      detail: "Step 2 failed",
      ok: false,
    },
  );
});

Deno.test("stepLine - a step's end as the command prints it", () => {
  const step = { expect: { equals: "hello" } };
  const label = 'expect equals "hello"';
  assert.equal(
    stepLine({ path: "2", step, label, status: "passed", ms: 0.44 }),
    '✓ 2 expect equals "hello" 0.4 ms',
  );
  assert.equal(
    stepLine({ path: "10.2.1", step, label, status: "failed", ms: 5000 }),
    '✗ 10.2.1 expect equals "hello" 5000.0 ms',
  );
  assert.equal(
    stepLine({ path: "3", step, label, status: "pending" }),
    '… 3 expect equals "hello"',
  );
});

Deno.test("stepEntry - a passed step is the command's line; a failed one its message", () => {
  const step = { send: "a" };
  assert.deepEqual(
    stepEntry({
      path: "2",
      step,
      label: 'send "a"',
      status: "passed",
      ms: 0.25,
    }),
    {
      text: '✓ 2 send "a" 0.3 ms',
      step: { path: "2", passed: true, ms: 0.25 },
    },
  );
  assert.deepEqual(
    stepEntry({
      path: "3",
      step,
      label: 'send "a"',
      status: "failed",
      ms: 1,
      message: "Step 3 failed",
    }),
    { text: "Step 3 failed", step: { path: "3", passed: false, ms: 1 } },
  );
});
