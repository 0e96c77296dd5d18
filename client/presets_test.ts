import assert from "node:assert/strict";
import { describePreset } from "./preset_edit.ts";
import {
  loadPresets,
  type Preset,
  presetData,
  PRESETS_KEY,
  savePresets,
  shortcutIndex,
} from "./presets.ts";

/** A `Storage` stand-in: a map behind getItem and setItem. */
function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

const HELLO: Preset = { name: "hello", send: "hello" };
const SUB: Preset = {
  name: "sub",
  send: { json: { op: "sub" } },
  onOpen: true,
};

Deno.test("presets - saved presets load back; malformed storage reads as none", () => {
  const storage = memoryStorage();
  savePresets(storage, [HELLO, SUB]);
  assert.equal(
    storage.items.get(PRESETS_KEY),
    '[{"name":"hello","send":"hello"},{"name":"sub","send":{"json":{"op":"sub"}},"onOpen":true}]',
  );
  assert.deepEqual(loadPresets(storage), [HELLO, SUB]);
  assert.deepEqual(loadPresets(memoryStorage({ [PRESETS_KEY]: "{" })), []);
  assert.deepEqual(
    loadPresets(
      memoryStorage({
        [PRESETS_KEY]: '[{"name":1},{"name":"a"},{"name":"b","send":"x"}]',
      }),
    ),
    [{ name: "b", send: "x" }],
  );
  assert.deepEqual(loadPresets(undefined), []);
});

Deno.test("presets - Alt+1 to Alt+9 pick a preset by the physical key", () => {
  const key = (code: string, mods: Partial<KeyboardEvent> = {}) => ({
    altKey: true,
    ctrlKey: false,
    metaKey: false,
    code,
    ...mods,
  });
  assert.equal(shortcutIndex(key("Digit1")), 0);
  assert.equal(shortcutIndex(key("Digit9")), 8);
  assert.equal(shortcutIndex(key("Digit0")), -1);
  assert.equal(shortcutIndex(key("KeyA")), -1);
  assert.equal(shortcutIndex(key("Digit1", { altKey: false })), -1);
  assert.equal(shortcutIndex(key("Digit1", { ctrlKey: true })), -1);
});

Deno.test("presets - presetData is the message on the wire; describePreset says it in one line", () => {
  assert.equal(presetData(HELLO), "hello");
  assert.equal(presetData(SUB), '{"op":"sub"}');
  assert.deepEqual(
    presetData({ name: "b", send: { hex: "00 ff" } }),
    new Uint8Array([0, 255]),
  );
  assert.deepEqual(
    presetData({ name: "b", send: { base64: "AP8" } }),
    new Uint8Array([0, 255]),
  );
  assert.equal(presetData({ name: "bad", send: { hex: "zz" } }), null);
  assert.equal(describePreset(HELLO), 'text "hello"');
  assert.equal(describePreset(SUB), 'json {"op":"sub"}');
  assert.equal(
    describePreset({ name: "b", send: { hex: "00ff" } }),
    "hex 00ff",
  );
  assert.equal(
    describePreset({ name: "long", send: "x".repeat(100) }),
    `text "${"x".repeat(73)}…`,
  );
});
