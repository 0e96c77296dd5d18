import assert from "node:assert/strict";
import { parseHex } from "./bytes.ts";
import { decodeMsgpack, encodeMsgpack } from "./codec_msgpack.ts";
import { toHex } from "./value_form.ts";

const bytes = (hex: string) => parseHex(hex) as Uint8Array;

Deno.test("msgpack - decodes to the JSON form, 64-bit integers and bytes kept", () => {
  // fixmap {"a": 1, "b": bin8 00 01 02}; uint64 max; int64 -1; ext -1 (timestamp 32)
  assert.deepEqual(decodeMsgpack(bytes("82a16101a162c403000102")), {
    a: 1,
    b: { $bytes: "000102" },
  });
  assert.deepEqual(decodeMsgpack(bytes("cfffffffffffffffff")), {
    $bigint: "18446744073709551615",
  });
  assert.equal(decodeMsgpack(bytes("d3ffffffffffffffff")), -1);
  assert.deepEqual(decodeMsgpack(bytes("d6ff00000001")), {
    $ext: -1,
    data: "00000001",
  });
  assert.deepEqual(decodeMsgpack(bytes("cb7ff8000000000000")), {
    $float: "NaN",
  });
});

Deno.test("msgpack - a map with keys other than strings shows as $map", () => {
  // {1: "a", bin 00: 2, "x": 3}
  assert.deepEqual(decodeMsgpack(bytes("8301a161c4010002a17803")), {
    $map: [[1, "a"], [{ $bytes: "00" }, 2], ["x", 3]],
  });
});

Deno.test("msgpack - bytes that are not MessagePack say why in one line", () => {
  const cases: [string, string][] = [
    ["c1", "byte 0xc1 at offset 0 is never used"],
    ["81a161c1", "byte 0xc1 at offset 3 is never used"],
    ["0102", "one value ends at offset 1 and 1 more byte follows"],
    ["010203", "one value ends at offset 1 and 2 more bytes follow"],
    ["cd01", "the data ends inside a value (2 bytes)"],
    ["", "the message is empty"],
  ];
  for (const [hex, message] of cases) {
    assert.throws(() => decodeMsgpack(bytes(hex)), {
      name: "SyntaxError",
      message,
    });
  }
});

Deno.test("msgpack - encodes a JSON form, markers as their MessagePack types", () => {
  assert.equal(
    toHex(encodeMsgpack({
      a: [1, -1, 1.5, "x", null, true],
      b: { $bytes: "00ff" },
      c: { $bigint: "18446744073709551615" },
      d: { $ext: 5, data: "0102" },
    })),
    "84a16196" + "01ff" + "cb3ff8000000000000" + "a178c0c3" +
      "a162c40200ff" + "a163cfffffffffffffffff" + "a164d5050102",
  );
  assert.throws(() => encodeMsgpack({ $undefined: true }), {
    name: "TypeError",
    message: `$: "$undefined" is not in MessagePack`,
  });
});
