import assert from "node:assert/strict";
import {
  CONNECTION_NAME,
  EXPECT_KINDS,
  FORMAT_KINDS,
  SCRIPT_KEYS,
  SCRIPT_LIMITS,
  STEP_KINDS,
} from "../client/script.ts";
import { SEND_KINDS } from "../client/send_payload.ts";
import { parseScript } from "../client/script_parse.ts";
import { isValid } from "./json_schema.ts";

type Schema = Record<string, unknown>;

const read = (path: string) =>
  Deno.readTextFile(new URL(`../${path}`, import.meta.url));
const schema: Schema = JSON.parse(await read("static/script.schema.json"));
const defs = schema.$defs as Record<string, Schema>;

/** The key each branch of a `oneOf` requires, following `$ref`s. */
function branchKeys(oneOf: Schema[]): string[] {
  return oneOf.filter((s) => s.$ref || s.type === "object").map((s) => {
    const branch = s.$ref ? defs[(s.$ref as string).split("/").pop()!] : s;
    return (branch.required as string[])[0];
  });
}

function property(def: string, key: string): Schema {
  return (defs[def].properties as Record<string, Schema>)[key];
}

Deno.test("script schema - lists every key and kind of step the parser accepts", () => {
  assert.deepEqual(
    Object.keys(schema.properties as Schema),
    [...SCRIPT_KEYS],
  );
  assert.deepEqual(
    branchKeys(defs.step.oneOf as Schema[]),
    [...STEP_KINDS],
  );
  assert.deepEqual(
    branchKeys(property("sendStep", "send").oneOf as Schema[]),
    [...SEND_KINDS, ...FORMAT_KINDS],
  );
  assert.deepEqual(
    branchKeys(property("expectStep", "expect").oneOf as Schema[]),
    [...EXPECT_KINDS, ...FORMAT_KINDS],
  );
  assert.equal(defs.timeoutMs.maximum, SCRIPT_LIMITS.maxMs);
  const connections = (schema.properties as Record<string, Schema>)
    .connections;
  assert.equal(connections.maxProperties, SCRIPT_LIMITS.maxConnections);
  assert.deepEqual(connections.propertyNames, {
    pattern: CONNECTION_NAME.source,
  });
  assert.equal(defs.on.pattern, CONNECTION_NAME.source);
  for (const kind of STEP_KINDS) {
    const def = `${kind}Step`;
    assert.deepEqual(property(def, "on"), { $ref: "#/$defs/on" }, def);
  }
  assert.equal(property("waitStep", "wait").maximum, SCRIPT_LIMITS.maxMs);
  const times = property("repeatStep", "repeat").oneOf as Schema[];
  assert.equal(
    (times[0].properties as Record<string, Schema>).times.maximum,
    SCRIPT_LIMITS.maxTimes,
  );
});

Deno.test("script schema - the example script is valid to the schema and the parser", async () => {
  const text = await read("examples/echo.script.json");
  assert.equal(isValid(JSON.parse(text), schema), true);
  assert.equal(parseScript(text).steps.length, 12);
});

Deno.test("script schema - the rooms example is valid to the schema and the parser", async () => {
  const text = await read("examples/rooms.script.json");
  assert.equal(isValid(JSON.parse(text), schema), true);
  const script = parseScript(text);
  assert.deepEqual(Object.keys(script.connections!), ["alice", "bob"]);
  assert.equal(script.steps.length, 8);
  // docs/scripts.md shows it under "Several connections", without `$schema`.
  const page = await read("docs/scripts.md");
  const shown = page.split("## Several connections")[1]
    .match(/```json\n([\s\S]*?)\n```/)![1];
  const { $schema: _, ...file } = JSON.parse(text);
  assert.deepEqual(JSON.parse(shown), file);
});

Deno.test("script schema - the example in docs/scripts.md is the example file, valid to the schema and the parser", async () => {
  const page = await read("docs/scripts.md");
  const example = page.match(/```json\n([\s\S]*?)\n```/)![1];
  assert.equal(isValid(JSON.parse(example), schema), true);
  assert.equal(parseScript(example).steps.length, 12);
  // The page says the file "is this one"; its `$schema` key is ignored.
  const { $schema: _, ...file } = JSON.parse(
    await read("examples/echo.script.json"),
  );
  assert.deepEqual(JSON.parse(example), file);
});

Deno.test("script schema - agrees with the parser on valid and invalid scripts", () => {
  const valid: unknown[] = [
    {
      url: "wss://example.com/ws?x=1",
      protocols: ["chat", "v2.json"],
      presets: [
        { name: "hi", send: "hi", onOpen: true },
        { name: "bytes", send: { hex: "00ff" }, onOpen: false },
        { name: "sub", send: { json: { op: "sub" } } },
      ],
      steps: [
        { send: "text" },
        { send: { json: [1, "a", null] } },
        { send: { hex: "0x48 0x69" } },
        { send: { base64: "SGk=" } },
        { expect: { equals: "" } },
        { expect: { matches: "^a|b$" } },
        { expect: { json: null } },
        { expect: { hex: "" }, timeoutMs: 1 },
        { repeat: { everyMs: 10, forMs: 100, steps: [{ wait: 1 }] } },
        { repeat: { times: 2, steps: [{ wait: 0 }] } },
        { close: {} },
        { close: { code: 4999, reason: "bye" } },
        { expectClose: {}, timeoutMs: 600000 },
        { expectClose: { code: 1006, reason: "" } },
      ],
    },
    {
      proto: 'syntax = "proto3"; message Point { int32 x = 1; }',
      steps: [
        { send: { msgpack: { a: [1, { $bytes: "00ff" }] } } },
        {
          send: {
            cbor: { $tag: 1, value: { $bigint: "18446744073709551616" } },
          },
        },
        { send: { protobuf: { type: "Point", value: { x: -1 } } } },
        { expect: { msgpack: null } },
        { expect: { cbor: { $undefined: true } } },
        { expect: { protobuf: { type: "Point", value: {} } }, timeoutMs: 9 },
      ],
    },
    {
      connections: {
        alice: { url: "ws://h/ws?room=r" },
        "bob-2.x_y": { url: "wss://h/ws?room=r", protocols: ["chat"] },
      },
      steps: [
        { send: "a" },
        { expect: { equals: "a" }, on: "bob-2.x_y", timeoutMs: 5 },
        { repeat: { times: 1, steps: [{ close: {} }] }, on: "alice" },
        { wait: 1, on: "alice" },
        { expectClose: {}, on: "alice" },
      ],
    },
  ];
  const invalid: unknown[] = [
    [],
    {},
    { steps: [] },
    { steps: [{ wait: 1 }], extra: 1 },
    { url: "http://a", steps: [{ wait: 1 }] },
    { protocols: ["a b"], steps: [{ wait: 1 }] },
    { protocols: ["a", "a"], steps: [{ wait: 1 }] },
    { steps: [{}] },
    { steps: [{ sned: "x" }] },
    { steps: [{ send: "a", expect: { equals: "a" } }] },
    { steps: [{ send: "a", timeoutMs: 5 }] },
    { steps: [{ send: 5 }] },
    { steps: [{ send: { text: "a" } }] },
    { steps: [{ send: { hex: "0g" } }] },
    { steps: [{ send: { hex: "1" } }] },
    { steps: [{ expect: { equals: "a", hex: "00" } }] },
    { steps: [{ expect: {} }] },
    { steps: [{ expect: { equals: "a" }, timeoutMs: 0 }] },
    { steps: [{ expect: { equals: "a" }, timeoutMs: 1.5 }] },
    { steps: [{ wait: -1 }] },
    { steps: [{ wait: 600001 }] },
    { steps: [{ repeat: { times: 0, steps: [{ wait: 1 }] } }] },
    { steps: [{ repeat: { times: 2, everyMs: 5, steps: [{ wait: 1 }] } }] },
    { steps: [{ repeat: { everyMs: 5, steps: [{ wait: 1 }] } }] },
    { steps: [{ repeat: { times: 1, steps: [] } }] },
    { steps: [{ close: { code: 1001 } }] },
    { steps: [{ close: { code: 5000 } }] },
    { steps: [{ close: { reason: "x" } }] },
    { steps: [{ expectClose: { code: 999 } }] },
    { steps: [{ expectClose: { wasClean: true } }] },
    { presets: {}, steps: [{ wait: 1 }] },
    { presets: [{ send: "x" }], steps: [{ wait: 1 }] },
    { presets: [{ name: "a", send: 1 }], steps: [{ wait: 1 }] },
    { presets: [{ name: "a", send: "x", every: 1 }], steps: [{ wait: 1 }] },
    { presets: [{ name: "a", send: { hex: "0" } }], steps: [{ wait: 1 }] },
    { presets: [{ name: "a", send: { msgpack: 1 } }], steps: [{ wait: 1 }] },
    { proto: 5, steps: [{ wait: 1 }] },
    { steps: [{ send: { msgpack: 1, cbor: 1 } }] },
    { steps: [{ send: { protobuf: { value: 1 } } }] },
    { steps: [{ send: { protobuf: { type: "A", value: 1, x: 1 } } }] },
    { steps: [{ expect: { protobuf: { type: 1, value: 1 } } }] },
    {
      url: "ws://h/",
      connections: { a: { url: "ws://h/" } },
      steps: [{ wait: 1 }],
    },
    {
      protocols: [],
      connections: { a: { url: "ws://h/" } },
      steps: [{ wait: 1 }],
    },
    { connections: {}, steps: [{ wait: 1 }] },
    { connections: { "a b": { url: "ws://h/" } }, steps: [{ wait: 1 }] },
    { connections: { a: {} }, steps: [{ wait: 1 }] },
    { connections: { a: { url: "http://h/" } }, steps: [{ wait: 1 }] },
    { connections: { a: { url: "ws://h/", x: 1 } }, steps: [{ wait: 1 }] },
    {
      connections: { a: { url: "ws://h/", protocols: ["a b"] } },
      steps: [{ wait: 1 }],
    },
    { connections: { a: { url: "ws://h/" } }, steps: [{ wait: 1, on: 5 }] },
    { connections: { a: { url: "ws://h/" } }, steps: [{ wait: 1, on: "a b" }] },
    {
      connections: Object.fromEntries(
        Array.from({ length: 17 }, (_, i) => [`c${i}`, { url: "ws://h/" }]),
      ),
      steps: [{ wait: 1 }],
    },
  ];
  for (const script of valid) {
    assert.equal(isValid(script, schema), true, JSON.stringify(script));
    parseScript(script);
  }
  for (const script of invalid) {
    assert.equal(isValid(script, schema), false, JSON.stringify(script));
    assert.throws(() => parseScript(script), JSON.stringify(script));
  }
});
