import assert from "node:assert/strict";
import {
  draftPayload,
  mergePresets,
  parsePresets,
  withPreset,
} from "./preset_edit.ts";
import type { Preset } from "./presets.ts";

const HELLO: Preset = { name: "hello", send: "hello" };
const SUB: Preset = {
  name: "sub",
  send: { json: { op: "sub" } },
  onOpen: true,
};

Deno.test("presets - parsePresets accepts every kind of message", () => {
  const list = [
    HELLO,
    SUB,
    { name: "bytes", send: { hex: "00 ff" } },
    { name: "b64", send: { base64: "AP8" }, onOpen: false },
  ];
  assert.deepEqual(parsePresets(list), [
    HELLO,
    SUB,
    { name: "bytes", send: { hex: "00 ff" } },
    { name: "b64", send: { base64: "AP8" } },
  ]);
});

Deno.test("presets - parsePresets names where a list is wrong", () => {
  const cases: [unknown, string][] = [
    [{}, "presets: expected an array, got object"],
    [[1], "presets[0]: expected an object, got number"],
    [[{ name: "a", send: "x", extra: 1 }], 'presets[0]: unknown key "extra"'],
    [[{ send: "x" }], "presets[0].name: a preset needs a name"],
    [
      [HELLO, HELLO],
      'presets[1].name: "hello" is the name of another preset',
    ],
    [
      [{ name: "a", send: { hex: "zz" } }],
      'presets[0].send.hex: "z" is not a hex digit',
    ],
    [
      [{ name: "a", send: { text: "x" } }],
      'presets[0].send: expected one key of "json", "hex", "base64", got "text"',
    ],
    [
      [{ name: "a", send: "x", onOpen: "yes" }],
      "presets[0].onOpen: expected true or false",
    ],
  ];
  for (const [value, message] of cases) {
    assert.throws(() => parsePresets(value), { name: "TypeError", message });
  }
});

Deno.test("presets - draftPayload keeps the composer's message by mode", () => {
  assert.deepEqual(draftPayload("text", " hi "), { send: " hi " });
  assert.deepEqual(draftPayload("text", ""), { send: "" });
  assert.deepEqual(draftPayload("json", '{"a": [1]}'), {
    send: { json: { a: [1] } },
  });
  assert.deepEqual(draftPayload("hex", " 00 ff "), { send: { hex: "00 ff" } });
  assert.deepEqual(draftPayload("base64", "AP8="), {
    send: { base64: "AP8=" },
  });
  assert.deepEqual(draftPayload("json", "{"), {
    problem: "The JSON does not parse",
  });
  assert.deepEqual(draftPayload("hex", "0"), {
    problem: "Hex needs an even number of digits (two per byte)",
  });
  assert.deepEqual(draftPayload("file", ""), {
    problem: "A file cannot be a preset; paste its bytes",
  });
  assert.deepEqual(draftPayload("msgpack", "{}"), {
    problem:
      "Presets keep text, JSON or bytes, not MessagePack, CBOR or Protobuf",
  });
});

Deno.test("presets - a preset of the same name replaces the old one; a merge keeps the rest", () => {
  const edited = { name: "hello", send: "hi" };
  assert.deepEqual(withPreset([HELLO, SUB], edited), [edited, SUB]);
  assert.deepEqual(withPreset([HELLO], SUB), [HELLO, SUB]);
  const other = { name: "other", send: "o" };
  assert.deepEqual(mergePresets([HELLO, other], [edited, SUB]), [
    edited,
    other,
    SUB,
  ]);
});
