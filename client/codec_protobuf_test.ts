import assert from "node:assert/strict";
import { parseHex } from "./bytes.ts";
import {
  decodeProtobuf,
  encodeProtobuf,
  parseProto,
} from "./codec_protobuf.ts";
import { toHex } from "./value_form.ts";

const bytes = (hex: string) => parseHex(hex) as Uint8Array;

// The messages of the Protobuf encoding guide, whose bytes it spells out.
const SCHEMA = `
syntax = "proto3";
package spec;
message Test1 { int32 a = 1; }
message Test2 { string b = 2; }
message Test3 { Test1 c = 3; }
message Test5 { repeated int32 f = 6; }
message Signed { sint32 s = 1; int64 big = 2; uint64 u = 3; }
message Shapes {
  enum Kind { NONE = 0; CIRCLE = 1; }
  Kind kind = 1;
  map<string, Test1> named = 2;
  oneof pick { string text = 3; bytes raw = 4; }
  optional int32 maybe = 5;
  repeated Test1 many = 6;
}
`;
const schema = parseProto(SCHEMA);

Deno.test("protobuf - a schema lists its messages; a type is found by full or short name", () => {
  assert.deepEqual(schema.types, [
    "spec.Test1",
    "spec.Test2",
    "spec.Test3",
    "spec.Test5",
    "spec.Signed",
    "spec.Shapes",
  ]);
  assert.equal(schema.message("Test1").typeName, "spec.Test1");
  assert.equal(schema.message("spec.Test3").typeName, "spec.Test3");
  assert.throws(() => schema.message("Point"), {
    name: "TypeError",
    message:
      `"Point" is not a message in the schema; it has spec.Test1, spec.Test2, spec.Test3, spec.Test5, spec.Signed, spec.Shapes`,
  });
});

Deno.test("protobuf - a schema that does not parse says why in one line", () => {
  const cases: [string, string][] = [
    [
      `syntax = "proto3"; message A { int32 x = 1 }`,
      "line 1: illegal token '}', ';' expected",
    ],
    [
      `message A { int32 x = 1; }`,
      `it does not say syntax = "proto3"; (proto3 only)`,
    ],
    [
      `syntax = "proto3"; message A { B x = 1; }`,
      "no such Type or Enum 'B' in Type .A",
    ],
    [
      `syntax = "proto3"; import "b.proto"; message A {}`,
      `it imports "b.proto"; paste the messages it needs into one schema`,
    ],
    [`syntax = "proto3";`, "it defines no message"],
  ];
  for (const [source, message] of cases) {
    assert.throws(() => parseProto(source), { name: "SyntaxError", message });
  }
});

Deno.test("protobuf - the encoding guide's bytes, both ways", () => {
  const cases: [string, unknown, string][] = [
    ["Test1", { a: 150 }, "089601"],
    ["Test2", { b: "testing" }, "120774657374696e67"],
    ["Test3", { c: { a: 150 } }, "1a03089601"],
    // proto3 packs repeated scalars.
    ["Test5", { f: [3, 270, 86942] }, "3206038e029ea705"],
    // A negative int32 takes ten bytes; sint32 zigzags.
    ["Test1", { a: -2 }, "08feffffffffffffffff01"],
    // sint32 -2 zigzags to 3; int64's least and uint64's most take ten bytes.
    [
      "Signed",
      {
        s: -2,
        big: { $bigint: "-9223372036854775808" },
        u: { $bigint: "18446744073709551615" },
      },
      "0803" + "1080808080808080808001" + "18ffffffffffffffffff01",
    ],
  ];
  for (const [type, form, hex] of cases) {
    const desc = schema.message(type);
    assert.equal(toHex(encodeProtobuf(desc, form)), hex, type);
    assert.deepEqual(decodeProtobuf(desc, bytes(hex)), form, type);
  }
});

Deno.test("protobuf - defaults show, unset messages and oneofs do not, enums by name, unknown fields kept", () => {
  const desc = schema.message("Shapes");
  assert.deepEqual(decodeProtobuf(desc, new Uint8Array()), {
    kind: "NONE",
    named: {},
    many: [],
  });
  const form = {
    kind: "CIRCLE",
    named: { x: { a: 1 } },
    raw: { $bytes: "00ff" },
    maybe: 0,
    many: [{ a: 1 }, { a: 2 }],
  };
  const encoded = encodeProtobuf(desc, form);
  assert.deepEqual(decodeProtobuf(desc, encoded), form);
  // Field 9, varint 5: not in the schema.
  assert.deepEqual(decodeProtobuf(schema.message("Test1"), bytes("48050801")), {
    a: 1,
    $unknown: [{ field: 9, wireType: 0, data: "05" }],
  });
});

Deno.test("protobuf - bytes that are not the message, or a value that does not fit, say why", () => {
  assert.throws(() => decodeProtobuf(schema.message("Test2"), bytes("1205")), {
    name: "SyntaxError",
    message: "premature EOF",
  });
  assert.throws(() => encodeProtobuf(schema.message("Test1"), { a: "x" }), {
    name: "TypeError",
    message: `spec.Test1.a: expected number (int32), got "x"`,
  });
});
