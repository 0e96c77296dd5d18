import assert from "node:assert/strict";
import { decodeAs, encodeAs, loadSchema } from "./formats.ts";
import { toHex } from "./value_form.ts";

const PROTO = `syntax = "proto3"; message Point { int32 x = 1; int32 y = 2; }`;

Deno.test("formats - each format encodes and decodes through its codec, loaded on first use", async () => {
  const form = { a: [1, { $bytes: "00" }] };
  assert.deepEqual(
    await decodeAs("msgpack", await encodeAs("msgpack", form)),
    form,
  );
  assert.deepEqual(await decodeAs("cbor", await encodeAs("cbor", form)), form);
  const proto = { schema: PROTO, type: "Point" };
  const point = await encodeAs("protobuf", { x: -1, y: 2 }, proto);
  assert.equal(toHex(point), "08ffffffffffffffffff011002");
  assert.deepEqual(await decodeAs("protobuf", point, proto), { x: -1, y: 2 });
});

Deno.test("formats - a failure names the format, then why", async () => {
  await assert.rejects(decodeAs("msgpack", Uint8Array.of(0xc1)), {
    name: "SyntaxError",
    message: "not MessagePack: byte 0xc1 at offset 0 is never used",
  });
  await assert.rejects(decodeAs("cbor", Uint8Array.of(0xff)), {
    message: "not CBOR: Unexpected BREAK",
  });
  await assert.rejects(
    decodeAs("protobuf", Uint8Array.of(0x08), { schema: PROTO, type: "Point" }),
    { message: "not Protobuf Point: premature EOF" },
  );
  await assert.rejects(loadSchema('syntax = "proto3"; message {'), {
    name: "SyntaxError",
    message: "the schema does not parse: line 1: illegal type name '{'",
  });
  let deep = new Uint8Array(2000).fill(0x91);
  deep = Uint8Array.of(...deep, 0x01);
  await assert.rejects(decodeAs("msgpack", deep), {
    message: "cannot show it as MessagePack: it nests deeper than 1000 levels",
  });
});
