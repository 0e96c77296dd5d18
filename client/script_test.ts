import assert from "node:assert/strict";
import { describeStep, quoteText, showBytes } from "./script.ts";

Deno.test("describeStep - reads every kind of step in one line", () => {
  const cases: [Parameters<typeof describeStep>[0], string][] = [
    [{ send: "hello" }, 'send "hello"'],
    [{ send: { json: { id: 1 } } }, 'send json {"id":1}'],
    [{ send: { hex: "00 FF 10" } }, "send hex 00ff10"],
    [{ send: { base64: "AP8Q" } }, 'send base64 "AP8Q"'],
    [{ expect: { equals: "hello" } }, 'expect equals "hello"'],
    [{ expect: { matches: "^a$" } }, "expect matches /^a$/"],
    [{ expect: { json: { id: 1 } } }, 'expect json {"id":1}'],
    [{ expect: { hex: "00ff10" }, timeoutMs: 5 }, "expect hex 00ff10"],
    [{ wait: 100 }, "wait 100 ms"],
    [{ repeat: { times: 3, steps: [{ wait: 1 }] } }, "repeat 3 times"],
    [
      { repeat: { everyMs: 100, forMs: 1000, steps: [{ wait: 1 }] } },
      "repeat every 100 ms for 1000 ms",
    ],
    [{ close: {} }, "close"],
    [{ close: { code: 1000, reason: "done" } }, 'close 1000 "done"'],
    [{ expectClose: { code: 1000 } }, "expect close 1000"],
    [{ expectClose: {} }, "expect close"],
  ];
  for (const [step, line] of cases) assert.equal(describeStep(step), line);
});

Deno.test("quoteText and showBytes - shorten long values", () => {
  assert.equal(quoteText("a\nb"), '"a\\nb"');
  assert.equal(
    quoteText("x".repeat(100)),
    `"${"x".repeat(57)}…" (100 characters)`,
  );
  assert.equal(
    showBytes(new Uint8Array(30)),
    `hex ${"00".repeat(24)}… (30 bytes)`,
  );
});
