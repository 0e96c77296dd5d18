import assert from "node:assert/strict";
import { parseScript } from "./script_parse.ts";

const EXAMPLE = new URL("../examples/echo.script.json", import.meta.url);

Deno.test("parseScript - reads the example script, dropping $schema", async () => {
  const script = parseScript(await Deno.readTextFile(EXAMPLE));
  assert.equal(script.url, "ws://127.0.0.1:8000/api/ws?delay=50");
  assert.deepEqual(script.protocols, []);
  assert.equal(script.steps.length, 12);
  assert.equal("$schema" in script, false);
  assert.deepEqual(script.steps[1], {
    expect: { equals: "hello" },
    timeoutMs: 2000,
  });
  assert.deepEqual(script.steps[9], {
    repeat: {
      times: 3,
      steps: [{ send: "x" }, { expect: { equals: "x" } }],
    },
  });
  assert.deepEqual(script.steps[11], { expectClose: { code: 1000 } });
});

Deno.test("parseScript - accepts a parsed value and copies it", () => {
  const json = { id: 1 };
  const input = { steps: [{ send: { json } }, { wait: 0 }] };
  const script = parseScript(input);
  json.id = 2;
  assert.deepEqual(script, {
    steps: [{ send: { json: { id: 1 } } }, { wait: 0 }],
  });
});

Deno.test("parseScript - accepts every form of send and expect", () => {
  const steps = [
    { send: "text" },
    { send: { json: [1, "a", null] } },
    { send: { hex: "0x48 0x69" } },
    { send: { base64: "SGk=" } },
    { expect: { equals: "" } },
    { expect: { matches: "^a|b$" } },
    { expect: { json: null } },
    { expect: { hex: "" }, timeoutMs: 1 },
    { repeat: { everyMs: 10, forMs: 100, steps: [{ wait: 1 }] } },
    { close: {} },
    { close: { code: 4999 } },
    { expectClose: {}, timeoutMs: 600000 },
    { expectClose: { code: 1006, reason: "" } },
  ];
  assert.deepEqual(parseScript({ steps }).steps, steps);
});

Deno.test("parseScript - names where the script is wrong", () => {
  const cases: [unknown, string][] = [
    ["{", "SyntaxError"],
    [[], "TypeError: Script: expected an object, got an array"],
    [{}, 'TypeError: Script: has no "steps"'],
    [
      { steps: [], x: 1 },
      'TypeError: Script: unknown key "x"; expected $schema, url, protocols, connections, presets, proto, steps',
    ],
    [{ steps: [] }, "RangeError: steps: expected at least one step"],
    [
      { steps: {} },
      "TypeError: steps: expected an array of steps, got an object",
    ],
    [
      { url: "http://a", steps: [{ wait: 1 }] },
      'SyntaxError: url: "http://a" is not a ws: or wss: URL',
    ],
    [
      { url: "nope", steps: [{ wait: 1 }] },
      'SyntaxError: url: "nope" is not a URL',
    ],
    [
      { protocols: ["a b"], steps: [{ wait: 1 }] },
      'SyntaxError: protocols[0]: "a b" is not a valid subprotocol name',
    ],
    [
      { protocols: ["a", "a"], steps: [{ wait: 1 }] },
      'SyntaxError: protocols[1]: "a" is listed twice',
    ],
    [
      { steps: [{ wait: 1 }, "send"] },
      'TypeError: steps[1]: expected an object, got "send"',
    ],
    [
      { steps: [{ sned: "x" }] },
      'TypeError: steps[0]: "sned" is not a step; expected one of send, expect, wait, repeat, close, expectClose',
    ],
    [
      { steps: [{}] },
      "TypeError: steps[0]: an empty step is not a step; expected one of send, expect, wait, repeat, close, expectClose",
    ],
    [
      { steps: [{ send: "a", expect: { equals: "a" } }] },
      'TypeError: steps[0]: has both "send" and "expect"; a step does one thing',
    ],
    [
      { steps: [{ send: "a", timeoutMs: 5 }] },
      'TypeError: steps[0]: unknown key "timeoutMs"; expected send, on',
    ],
    [
      { steps: [{ send: 5 }] },
      "TypeError: steps[0].send: expected a string or an object, got 5",
    ],
    [
      { steps: [{ send: { text: "a" } }] },
      'TypeError: steps[0].send: expected exactly one of json, hex, base64, msgpack, cbor, protobuf, got "text"',
    ],
    [
      { steps: [{ send: { hex: "0g" } }] },
      'SyntaxError: steps[0].send.hex: "0g" is not hex ("g" is not a hex digit)',
    ],
    [
      { steps: [{ send: { base64: "a" } }] },
      'SyntaxError: steps[0].send.base64: "a" is not base64 (Base64 cannot have 4n+1 characters; some are missing)',
    ],
    [
      {
        steps: [{ wait: 1 }, { wait: 1 }, { wait: 1 }, {
          expect: { hex: "0g" },
        }],
      },
      'SyntaxError: steps[3].expect.hex: "0g" is not hex ("g" is not a hex digit)',
    ],
    [
      { steps: [{ expect: { matches: "(" } }] },
      'SyntaxError: steps[0].expect.matches: "(" is not a regular expression (Invalid regular expression: /(/: Unterminated group)',
    ],
    [
      { steps: [{ expect: { equals: "a", hex: "00" } }] },
      'TypeError: steps[0].expect: expected exactly one of equals, matches, json, hex, msgpack, cbor, protobuf, got "equals", "hex"',
    ],
    [
      { steps: [{ expect: {} }] },
      "TypeError: steps[0].expect: expected exactly one of equals, matches, json, hex, msgpack, cbor, protobuf, got none",
    ],
    [
      { steps: [{ expect: { equals: "a" }, timeoutMs: 0 }] },
      "RangeError: steps[0].timeoutMs: 0 is out of range, expected 1-600000",
    ],
    [
      { steps: [{ expect: { equals: "a" }, timeoutMs: 1.5 }] },
      "TypeError: steps[0].timeoutMs: expected an integer 1-600000, got 1.5",
    ],
    [
      { steps: [{ wait: -1 }] },
      "RangeError: steps[0].wait: -1 is out of range, expected 0-600000",
    ],
    [
      { steps: [{ wait: "1" }] },
      'TypeError: steps[0].wait: expected an integer 0-600000, got "1"',
    ],
    [
      { steps: [{ repeat: { times: 0, steps: [{ wait: 1 }] } }] },
      "RangeError: steps[0].repeat.times: 0 is out of range, expected 1-10000",
    ],
    [
      { steps: [{ repeat: { times: 2, everyMs: 5, steps: [{ wait: 1 }] } }] },
      'TypeError: steps[0].repeat: unknown key "everyMs"; expected times, steps',
    ],
    [
      { steps: [{ repeat: { forMs: 5, steps: [{ wait: 1 }] } }] },
      'TypeError: steps[0].repeat: expected "times", or "everyMs" and "forMs"',
    ],
    [
      { steps: [{ repeat: { everyMs: 5, steps: [{ wait: 1 }] } }] },
      "TypeError: steps[0].repeat.forMs: expected an integer 1-600000, got nothing",
    ],
    [
      {
        steps: [{
          repeat: { times: 1, steps: [{ wait: 1 }, { send: { hex: "1" } }] },
        }],
      },
      'SyntaxError: steps[0].repeat.steps[1].send.hex: "1" is not hex (Hex needs an even number of digits (two per byte))',
    ],
    [
      { steps: [{ close: { code: 1001 } }] },
      "RangeError: steps[0].close.code: 1001 cannot be sent; use 1000 or 3000-4999",
    ],
    [
      { steps: [{ close: { code: 5000 } }] },
      "RangeError: steps[0].close.code: 5000 is out of range, expected 1000-4999",
    ],
    [
      { steps: [{ close: { reason: "x" } }] },
      "TypeError: steps[0].close.reason: needs a code",
    ],
    [
      { steps: [{ close: { code: 1000, reason: "é".repeat(62) } }] },
      "RangeError: steps[0].close.reason: 124 bytes of UTF-8, more than 123",
    ],
    [
      { steps: [{ expectClose: { code: 999 } }] },
      "RangeError: steps[0].expectClose.code: 999 is out of range, expected 1000-4999",
    ],
    [
      { steps: [{ expectClose: { code: 1000, wasClean: true } }] },
      'TypeError: steps[0].expectClose: unknown key "wasClean"; expected code, reason',
    ],
  ];
  for (const [input, message] of cases) {
    assert.throws(
      () => parseScript(input),
      (error: Error) => {
        assert.equal(
          message.includes(":")
            ? `${error.name}: ${error.message}`
            : error.name,
          message,
        );
        return true;
      },
    );
  }
});

Deno.test("parseScript - keeps presets and names a wrong one", () => {
  const presets = [{ name: "hi", send: { hex: "00ff" }, onOpen: true }];
  assert.deepEqual(parseScript({ presets, steps: [{ wait: 1 }] }).presets, [
    { name: "hi", send: { hex: "00ff" }, onOpen: true },
  ]);
  assert.throws(
    () =>
      parseScript({ presets: [{ name: "", send: "x" }], steps: [{ wait: 1 }] }),
    { name: "TypeError", message: "presets[0].name: a preset needs a name" },
  );
});

Deno.test("parseScript - bounds how deep repeats nest", () => {
  let steps: unknown[] = [{ wait: 0 }];
  for (let i = 0; i < 8; i++) steps = [{ repeat: { times: 1, steps } }];
  assert.equal(parseScript({ steps }).steps.length, 1);
  steps = [{ repeat: { times: 1, steps } }];
  assert.throws(
    () => parseScript({ steps }),
    new RangeError(
      "steps[0].repeat.steps[0].repeat.steps[0].repeat.steps[0].repeat.steps[0].repeat.steps[0].repeat.steps[0].repeat.steps[0].repeat.steps[0].repeat: repeats nest deeper than 8",
    ),
  );
});

Deno.test("parseScript - a text that is not JSON says so", () => {
  assert.throws(() => parseScript("{"), (error: Error) => {
    assert.ok(error instanceof SyntaxError);
    assert.match(error.message, /^Not JSON: /);
    return true;
  });
});
