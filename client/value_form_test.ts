import assert from "node:assert/strict";
import { MAX_FORM_DEPTH, toForm } from "./value_form.ts";
import { FORM_RULES, fromForm } from "./value_form_read.ts";

Deno.test("value form - what JSON cannot say becomes a one-key marker", () => {
  assert.deepEqual(
    toForm([
      Uint8Array.of(0, 255),
      2n ** 64n,
      -(2n ** 63n),
      12n,
      undefined,
      NaN,
      -Infinity,
      -0,
      1.5,
      new Map<unknown, unknown>([[1, "one"], ["a", 2]]),
      new Map([["a", 1]]),
    ]),
    [
      { $bytes: "00ff" },
      { $bigint: "18446744073709551616" },
      { $bigint: "-9223372036854775808" },
      12,
      { $undefined: true },
      { $float: "NaN" },
      { $float: "-Infinity" },
      { $float: "-0" },
      1.5,
      { $map: [[1, "one"], ["a", 2]] },
      { a: 1 },
    ],
  );
});

Deno.test("value form - a decoded map with a marker's name as a key is written as $map", () => {
  assert.deepEqual(toForm({ $bytes: "00", b: 1 }), {
    $map: [["$bytes", "00"], ["b", 1]],
  });
  const proto = toForm(new Map([["__proto__", 1]])) as object;
  assert.equal(Object.getPrototypeOf(proto), Object.prototype);
  assert.deepEqual(Object.keys(proto), ["__proto__"]);
});

Deno.test("value form - nesting past the bound is a RangeError, not a stack overflow", () => {
  let deep: unknown = 1;
  for (let i = 0; i <= MAX_FORM_DEPTH; i++) deep = [deep];
  assert.throws(() => toForm(deep), {
    name: "RangeError",
    message: `it nests deeper than ${MAX_FORM_DEPTH} levels`,
  });
});

Deno.test("value form - read back, markers become the values they name", () => {
  const value = fromForm(
    [
      { $bytes: "00 ff" },
      { $bigint: "-18446744073709551617" },
      {
        $float: "Infinity",
      },
      { $undefined: true },
      { $map: [[1, { $bytes: "01" }]] },
      { $tag: 1, value: 5 },
      {
        $simple: 16,
      },
    ],
    FORM_RULES.cbor,
    { tag: (tag, value) => ({ tag, value }), simple: (n) => `simple ${n}` },
  );
  assert.deepEqual(value, [
    Uint8Array.of(0, 255),
    -(2n ** 64n) - 1n,
    Infinity,
    undefined,
    new Map([[1, Uint8Array.of(1)]]),
    { tag: 1, value: 5 },
    "simple 16",
  ]);
});

Deno.test("value form - a malformed marker or one the format lacks names its path", () => {
  const cases: [unknown, string][] = [
    [
      { a: [{ $bytes: "zz" }] },
      `$.a[0]: "$bytes" needs a hex string ("z" is not a hex digit)`,
    ],
    [
      { $bigint: 5 },
      `$: "$bigint" needs a string of digits, e.g. "18446744073709551615"`,
    ],
    [{ $bytes: "00", x: 1 }, `$: "$bytes" goes with no other key, not "x"`],
    [{ $tag: 1 }, `$: "$tag" needs "value"`],
    [{ $tag: -1, value: 0 }, `$: "$tag" needs an integer 0 or more`],
    [{ $map: [[1]] }, `$: "$map" needs [key, value] pairs; item 0 is not one`],
    [
      { $float: "nan" },
      `$: "$float" needs "NaN", "Infinity", "-Infinity" or "-0"`,
    ],
  ];
  for (const [form, message] of cases) {
    assert.throws(() => fromForm(form, FORM_RULES.cbor), { message });
  }
  for (
    const [form, message] of [
      [{ $undefined: true }, `$: "$undefined" is not in MessagePack`],
      [{ $tag: 1, value: 1 }, `$: "$tag" is not in MessagePack`],
      [
        { $map: [] },
        `$: "$map" is not in MessagePack as a map with keys other than strings`,
      ],
    ] as const
  ) {
    assert.throws(() => fromForm(form, FORM_RULES.msgpack), { message });
  }
  assert.throws(() => fromForm({ $ext: 1, data: "00" }, FORM_RULES.cbor), {
    message: `$: "$ext" is not in CBOR`,
  });
});
