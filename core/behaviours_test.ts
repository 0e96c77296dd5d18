import assert from "node:assert/strict";
import { parseBehaviours } from "./behaviours.ts";

const ON = { enabled: true };
const parse = (query: string) => parseBehaviours(`http://h/api/ws${query}`, ON);

Deno.test("behaviours - a URL without them asks for nothing", () => {
  assert.equal(parse(""), null);
  assert.equal(parse("?token=abc&_=123"), null);
});

Deno.test("behaviours - every parameter is read with its default", () => {
  assert.deepEqual(parse("?delay=50"), {
    delayMs: 50,
    status: null,
    close: null,
    push: null,
    handshake: false,
  });
  assert.deepEqual(
    parse("?close=4000&reason=bye&after=3&push=10&count=2&handshake=1"),
    {
      delayMs: 0,
      status: null,
      close: { code: 4000, reason: "bye", after: 3 },
      push: { everyMs: 10, count: 2 },
      handshake: true,
    },
  );
  assert.deepEqual(parse("?close=1011")?.close, {
    code: 1011,
    reason: "",
    after: 0,
  });
  assert.equal(parse("?push=60000")?.push?.count, null);
  assert.equal(parse("?status=599")?.status, 599);
});

Deno.test("behaviours - a malformed value names the parameter, the value and the form", () => {
  const cases: [string, string][] = [
    ["?delay=abc", 'delay is "abc", expected an integer 0-60000'],
    ["?delay=60001", 'delay is "60001", expected an integer 0-60000'],
    ["?delay=-1", 'delay is "-1", expected an integer 0-60000'],
    ["?delay=", 'delay is "", expected an integer 0-60000'],
    ["?status=399", 'status is "399", expected an integer 400-599'],
    [
      "?close=1005",
      'close is "1005", expected a close code 1000-1003, 1007-1013 or 3000-4999',
    ],
    [
      "?close=1014",
      'close is "1014", expected a close code 1000-1003, 1007-1013 or 3000-4999',
    ],
    [
      "?close=2999",
      'close is "2999", expected a close code 1000-1003, 1007-1013 or 3000-4999',
    ],
    [
      `?close=1000&reason=${"é".repeat(62)}`,
      `reason is "${
        "é".repeat(40)
      }…", expected text of at most 123 UTF-8 bytes`,
    ],
    [
      "?close=1000&after=1000001",
      'after is "1000001", expected an integer 0-1000000',
    ],
    ["?push=9", 'push is "9", expected an integer 10-60000'],
    ["?push=10&count=0", 'count is "0", expected an integer 1-100000'],
    ["?handshake=true", 'handshake is "true", expected 1'],
    ["?reason=x", "reason is given without close, which it modifies"],
    ["?after=2", "after is given without close, which it modifies"],
    ["?count=2", "count is given without push, which it modifies"],
    ["?delay=1&delay=2", "delay is given 2 times, expected it once"],
  ];
  for (const [query, message] of cases) {
    assert.throws(() => parse(query), new RangeError(message), query);
  }
});

Deno.test("behaviours - a reason of exactly 123 UTF-8 bytes is accepted", () => {
  const reason = "é".repeat(61) + "x";
  assert.equal(parse(`?close=1000&reason=${reason}`)?.close?.reason, reason);
});

Deno.test("behaviours - when turned off, any of them is refused by name", () => {
  assert.throws(
    () => parseBehaviours("http://h/?delay=5&push=10&x=1", { enabled: false }),
    new RangeError(
      'Server behaviours are turned off here (TEST_CONTROLS=false): remove "delay", "push" from the URL',
    ),
  );
  assert.equal(parseBehaviours("http://h/?x=1", { enabled: false }), null);
});
