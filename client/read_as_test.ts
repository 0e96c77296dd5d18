import assert from "node:assert/strict";
import { readAsChoices, readAsFormat } from "./read_as.ts";

Deno.test("read as - the menu lists hex, UTF-8, the formats and each Protobuf type", () => {
  assert.deepEqual(readAsChoices(["demo.Point", "demo.Line"]), [
    ["hex", "Hex dump"],
    ["text", "UTF-8 text"],
    ["msgpack", "MessagePack"],
    ["cbor", "CBOR"],
    ["protobuf:demo.Point", "Protobuf demo.Point"],
    ["protobuf:demo.Line", "Protobuf demo.Line"],
  ]);
});

Deno.test("read as - names the format and type to decode with, none for hex and text", () => {
  assert.equal(readAsFormat("hex"), null);
  assert.equal(readAsFormat("text"), null);
  assert.deepEqual(readAsFormat("cbor"), { format: "cbor", type: "" });
  assert.deepEqual(readAsFormat("protobuf:demo.Point"), {
    format: "protobuf",
    type: "demo.Point",
  });
});
