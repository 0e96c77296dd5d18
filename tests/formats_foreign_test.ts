import assert from "node:assert/strict";
import { parseHex } from "../client/bytes.ts";
import { decodeAs, encodeAs } from "../client/formats.ts";
import { toHex } from "../client/value_form.ts";
import {
  foreignDescribe,
  foreignSample,
  POINT_PROTO,
  PYTHON,
  requireForeignCodecs,
} from "./format_peer.ts";

const bytes = (hex: string) => parseHex(hex) as Uint8Array;
const proto = {
  schema: await Deno.readTextFile(POINT_PROTO),
  type: "demo.Point",
};

Deno.test("foreign msgpack - what python3-msgpack encodes decodes to what it meant", async () => {
  await requireForeignCodecs();
  assert.deepEqual(
    await decodeAs("msgpack", bytes(await foreignSample("msgpack"))),
    {
      id: 1,
      max: { $bigint: "18446744073709551615" },
      min: { $bigint: "-9223372036854775808" },
      raw: { $bytes: "00ff" },
      half: 1.5,
      list: [1, "a", null, true],
    },
  );
});

Deno.test("foreign msgpack - what we encode, python3-msgpack reads as meant", async () => {
  await requireForeignCodecs();
  const encoded = await encodeAs("msgpack", {
    max: { $bigint: "18446744073709551615" },
    min: { $bigint: "-9223372036854775808" },
    raw: { $bytes: "00ff" },
    f: 0.1,
    list: [1, "é", null, false],
  });
  assert.equal(
    await foreignDescribe("msgpack", toHex(encoded)),
    "{'max': 18446744073709551615, 'min': -9223372036854775808, 'raw': b'\\x00\\xff', 'f': 0.1, 'list': [1, 'é', None, False]}",
  );
});

Deno.test("foreign cbor - python3-cbor2's half floats, 64-bit integers, bignums, bytes, tags and undefined decode as meant", async () => {
  await requireForeignCodecs();
  const hex = await foreignSample("cbor");
  // canonical=True wrote 1.5 as a half-precision float.
  assert.ok(hex.includes("f93e00"), hex);
  assert.deepEqual(await decodeAs("cbor", bytes(hex)), {
    $map: [
      [1, "int key"],
      ["max", { $bigint: "18446744073709551615" }],
      ["raw", { $bytes: "00ff" }],
      ["tag", { $tag: 1000, value: "x" }],
      ["half", 1.5],
      ["bignum", { $bigint: "18446744073709551616" }],
      ["undefined", { $undefined: true }],
    ],
  });
});

Deno.test("foreign cbor - what we encode, python3-cbor2 reads as meant", async () => {
  await requireForeignCodecs();
  const encoded = await encodeAs("cbor", [
    1.5,
    { $bigint: "18446744073709551615" },
    { $bigint: "-18446744073709551616" },
    { $bigint: "18446744073709551616" },
    { $bytes: "00ff" },
    { $tag: 1000, value: "x" },
    { $undefined: true },
    { $map: [[1, "one"]] },
  ]);
  // The half-precision float goes as f9 3e00.
  assert.equal(toHex(encoded).slice(0, 8), "88f93e00");
  assert.equal(
    await foreignDescribe("cbor", toHex(encoded)),
    "[1.5, 18446744073709551615, -18446744073709551616, 18446744073709551616, b'\\x00\\xff', CBORTag(1000, 'x'), undefined, {1: 'one'}]",
  );
});

Deno.test("foreign protobuf - what protoc encodes (negative int32, nested, repeated) decodes as meant", async () => {
  await requireForeignCodecs();
  const hex = await foreignSample("protobuf");
  // x: -1 is a ten-byte varint.
  assert.equal(hex.slice(0, 22), "08ffffffffffffffffff01");
  assert.deepEqual(await decodeAs("protobuf", bytes(hex), proto), {
    x: -1,
    y: 2,
    near: [
      { x: 3, y: 0, near: [], label: "" },
      { x: 0, y: -4, near: [], label: "" },
    ],
    label: "",
  });
});

Deno.test("foreign protobuf - what we encode, protoc decodes as meant", async () => {
  await requireForeignCodecs();
  const encoded = await encodeAs("protobuf", {
    x: -2147483648,
    near: [{ y: -1, near: [{ label: "deep" }] }, { x: 7 }],
    label: "é",
  }, proto);
  assert.equal(
    await foreignDescribe("protobuf", toHex(encoded)),
    'x: -2147483648\nnear {\n  y: -1\n  near {\n    label: "deep"\n  }\n}\nnear {\n  x: 7\n}\nlabel: "\\303\\251"\n',
  );
});

Deno.test("foreign codecs - a missing Debian package fails in one line saying what to install", async () => {
  await assert.rejects(
    requireForeignCodecs([
      ["python3-msgpack", [PYTHON, "-c", "import msgpack"]],
      ["python3-nosuch", [PYTHON, "-c", "import nosuch_module_here"]],
    ]),
    { message: "python3-nosuch is missing: apt-get install python3-nosuch" },
  );
  await assert.rejects(
    requireForeignCodecs([["protobuf-compiler", ["/nonexistent/protoc"]]]),
    {
      message:
        "protobuf-compiler is missing: apt-get install protobuf-compiler",
    },
  );
});
