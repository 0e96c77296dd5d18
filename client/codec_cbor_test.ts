import assert from "node:assert/strict";
import { parseHex } from "./bytes.ts";
import { decodeCbor, encodeCbor } from "./codec_cbor.ts";
import { toHex } from "./value_form.ts";

const bytes = (hex: string) => parseHex(hex) as Uint8Array;

// Vectors from RFC 8949 Appendix A.
Deno.test("cbor - decodes RFC 8949's examples to the JSON form", () => {
  const cases: [string, unknown][] = [
    ["1bffffffffffffffff", { $bigint: "18446744073709551615" }],
    ["3bffffffffffffffff", { $bigint: "-18446744073709551616" }],
    ["c249010000000000000000", { $bigint: "18446744073709551616" }],
    ["c349010000000000000000", { $bigint: "-18446744073709551617" }],
    ["1b001fffffffffffff", 9007199254740991],
    ["f93c00", 1],
    ["f93e00", 1.5],
    ["f97bff", 65504],
    ["f90001", 5.960464477539063e-8],
    ["f97c00", { $float: "Infinity" }],
    ["f97e00", { $float: "NaN" }],
    ["f98000", { $float: "-0" }],
    ["f7", { $undefined: true }],
    ["f0", { $simple: 16 }],
    ["c11a514b67b0", { $tag: 1, value: 1363896240 }],
    ["d74401020304", { $tag: 23, value: { $bytes: "01020304" } }],
    ["4401020304", { $bytes: "01020304" }],
    ["5f42010243030405ff", { $bytes: "0102030405" }],
    ["a201020304", { $map: [[1, 2], [3, 4]] }],
    ["a26161016162820203", { a: 1, b: [2, 3] }],
  ];
  for (const [hex, form] of cases) {
    assert.deepEqual(decodeCbor(bytes(hex)), form, hex);
  }
});

Deno.test("cbor - bytes that are not CBOR say why in one line", () => {
  const cases: [string, string][] = [
    ["ff", "Unexpected BREAK"],
    ["1b", "the data ends inside a data item (1 byte)"],
    ["0102", "more bytes follow the first data item"],
    ["62ff00", "a text string is not valid UTF-8"],
    ["", "the message is empty"],
  ];
  for (const [hex, message] of cases) {
    assert.throws(() => decodeCbor(bytes(hex)), {
      name: "SyntaxError",
      message,
    });
  }
});

Deno.test("cbor - encodes a JSON form: shortest floats, 64-bit integers, bignums, tags", () => {
  assert.equal(
    toHex(encodeCbor([
      1.5,
      65504.5,
      { $bigint: "18446744073709551615" },
      { $bigint: "-18446744073709551617" },
      { $tag: 1, value: 5 },
      { $undefined: true },
      { $map: [[1, { $bytes: "00" }]] },
      { $simple: 16 },
      { $float: "NaN" },
    ])),
    "89" + "f93e00" + "fa477fe080" + "1bffffffffffffffff" +
      "c349010000000000000000" + "c105" + "f7" + "a1014100" + "f0" + "f97e00",
  );
});
