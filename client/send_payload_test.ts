import assert from "node:assert/strict";
import { sendData } from "./send_payload.ts";

Deno.test("sendData - text stays text, json is serialized, hex and base64 are bytes", () => {
  assert.equal(sendData("a"), "a");
  assert.equal(sendData({ json: { id: 1, op: "sub" } }), '{"id":1,"op":"sub"}');
  assert.deepEqual(sendData({ hex: "00ff10" }), new Uint8Array([0, 255, 16]));
  assert.deepEqual(sendData({ base64: "AP8Q" }), new Uint8Array([0, 255, 16]));
});

Deno.test("sendData - bytes that do not parse are a caller's bug, thrown", () => {
  assert.throws(() => sendData({ hex: "zz" }), TypeError);
});
