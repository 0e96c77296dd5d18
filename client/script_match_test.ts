import assert from "node:assert/strict";
import { checkClose, checkMessage, jsonDiff } from "./script_match.ts";

const bytes = (...values: number[]) => new Uint8Array(values);

Deno.test("checkMessage - equals and matches hold only for the same text", () => {
  assert.equal(checkMessage({ equals: "hello" }, "hello"), null);
  assert.deepEqual(checkMessage({ equals: "hello" }, "hullo"), {
    expected: '"hello"',
    received: '"hullo"',
  });
  assert.deepEqual(checkMessage({ equals: "hi" }, bytes(0x68, 0x69)), {
    expected: '"hi"',
    received: "hex 6869",
  });
  assert.equal(checkMessage({ matches: "^ping [0-9]+$" }, "ping 42"), null);
  assert.deepEqual(checkMessage({ matches: "^ping [0-9]+$" }, "ping x"), {
    expected: "/^ping [0-9]+$/",
    received: '"ping x"',
  });
});

Deno.test("checkMessage - hex holds only for the same bytes in a binary message", () => {
  assert.equal(checkMessage({ hex: "00ff10" }, bytes(0, 255, 16)), null);
  assert.deepEqual(checkMessage({ hex: "00 ff 10" }, bytes(0, 255)), {
    expected: "hex 00ff10",
    received: "hex 00ff",
  });
  assert.deepEqual(checkMessage({ hex: "6869" }, "hi"), {
    expected: "hex 6869",
    received: '"hi"',
  });
  assert.deepEqual(checkMessage({ hex: "" }, bytes(1)), {
    expected: "hex (empty)",
    received: "hex 01",
  });
});

Deno.test("checkMessage - json holds for a message that contains the subset", () => {
  const message = '{"id":1,"op":"sub","tags":["a",{"k":true}]}';
  assert.equal(checkMessage({ json: { id: 1 } }, message), null);
  assert.equal(
    checkMessage({ json: { tags: ["a", {}] } }, message),
    null,
  );
  assert.deepEqual(checkMessage({ json: { id: 2, op: "sub" } }, message), {
    expected: 'json {"id":2,"op":"sub"}',
    received: '{"id":1,"op":"sub","tags":["a",{"k":true}]}',
    diff: ["$.id: expected 2, got 1"],
  });
  assert.deepEqual(checkMessage({ json: { id: 1 } }, "id 1"), {
    expected: 'json {"id":1}',
    received: '"id 1" (not JSON)',
  });
});

Deno.test("jsonDiff - lists each difference by path", () => {
  assert.deepEqual(
    jsonDiff(
      { a: { b: [1, { c: "x" }] }, "d e": null, f: 1, g: [1] },
      { a: { b: [1, { c: "y" }] }, "d e": 0, g: [1, 2] },
    ),
    [
      '$.a.b[1].c: expected "x", got "y"',
      '$["d e"]: expected null, got 0',
      "$.f: missing, expected 1",
      "$.g: expected 1 items, got 2",
    ],
  );
  assert.deepEqual(jsonDiff({ a: 1 }, [1]), ["$: expected an object, got [1]"]);
  assert.deepEqual(jsonDiff([1], { a: 1 }), [
    '$: expected an array, got {"a":1}',
  ]);
  assert.deepEqual(jsonDiff(1, "1"), ['$: expected 1, got "1"']);
  assert.deepEqual(jsonDiff({}, { any: "thing" }), []);
});

Deno.test("jsonDiff - lists at most ten differences", () => {
  const expected = Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => [`k${i}`, i]),
  );
  const diff = jsonDiff(expected, {});
  assert.equal(diff.length, 11);
  assert.equal(diff[0], "$.k0: missing, expected 0");
  assert.equal(diff[10], "… and 2 more");
});

Deno.test("checkClose - checks the code, and the reason when given", () => {
  assert.equal(checkClose({}, { code: 1006, reason: "" }), null);
  assert.equal(checkClose({ code: 1000 }, { code: 1000, reason: "x" }), null);
  assert.deepEqual(
    checkClose({ code: 1000, reason: "done" }, { code: 1000, reason: "bye" }),
    { expected: 'close 1000 "done"', received: 'close 1000 "bye"' },
  );
  assert.deepEqual(
    checkClose({ code: 1000 }, { code: 1011, reason: "x" }),
    { expected: "close 1000", received: 'close 1011 "x"' },
  );
});
