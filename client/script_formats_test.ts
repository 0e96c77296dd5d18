import assert from "node:assert/strict";
import { toHex } from "./value_form.ts";
import { prepareScript } from "./script_formats.ts";
import { IncomingQueue, type ScriptIo } from "./script_io.ts";
import { parseScript } from "./script_parse.ts";
import { runScript } from "./script_run.ts";

const PROTO = `syntax = "proto3";
package demo;
message Point { int32 x = 1; int32 y = 2; repeated Point near = 3; }`;

/** A peer in memory: each send is answered by `reply(data)`. */
function peerIo(reply: (data: string | Uint8Array) => string | Uint8Array) {
  const queue = new IncomingQueue();
  const sent: string[] = [];
  const io: ScriptIo = {
    send(data) {
      sent.push(typeof data === "string" ? data : toHex(data));
      queue.push({ data: reply(data) });
    },
    close: () => queue.push({ closed: { code: 1000, reason: "" } }),
    next: (timeoutMs, signal) => queue.next(timeoutMs, signal),
  };
  return { io, sent };
}

async function load(script: unknown) {
  const parsed = parseScript(script);
  await prepareScript(parsed);
  return parsed;
}

Deno.test("script formats - send encodes and expect decodes each format, by the subset rule", async () => {
  const script = await load({
    proto: PROTO,
    steps: [
      { send: { msgpack: { id: 1, b: { $bytes: "00ff" } } } },
      { expect: { msgpack: { b: { $bytes: "00ff" } } } },
      { send: { cbor: [1.5, { $bigint: "18446744073709551615" }] } },
      { expect: { cbor: [1.5, { $bigint: "18446744073709551615" }] } },
      {
        send: {
          protobuf: { type: "Point", value: { x: -1, near: [{ y: 2 }] } },
        },
      },
      { expect: { protobuf: { type: "demo.Point", value: { x: -1, y: 0 } } } },
    ],
  });
  const { io, sent } = peerIo((data) => data);
  const result = await runScript(script, io);
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.deepEqual(sent, [
    "82a26964" + "01" + "a162c40200ff",
    "82f93e001bffffffffffffffff",
    "08ffffffffffffffffff01" + "1a021002",
  ]);
});

Deno.test("script formats - a message that does not decode fails the step, naming the format and why", async () => {
  const cases: [unknown, string | Uint8Array, string][] = [
    [
      { msgpack: 1 },
      Uint8Array.of(0xc1),
      "Step 2 (expect msgpack 1) failed: expected msgpack 1, received hex c1 (not MessagePack: byte 0xc1 at offset 0 is never used)",
    ],
    [
      { cbor: { a: 1 } },
      "text",
      'Step 2 (expect cbor {"a":1}) failed: expected cbor {"a":1}, received "text" (text, not binary)',
    ],
    [
      { protobuf: { type: "Point", value: { x: 1 } } },
      Uint8Array.of(0x08),
      'Step 2 (expect protobuf Point {"x":1}) failed: expected protobuf Point {"x":1}, received hex 08 (not Protobuf demo.Point: premature EOF)',
    ],
    [
      { cbor: { a: 1 } },
      Uint8Array.of(0xa1, 0x61, 0x61, 0x02),
      'Step 2 (expect cbor {"a":1}) failed: expected cbor {"a":1}, received cbor {"a":2}; $.a: expected 1, got 2',
    ],
  ];
  for (const [expect, reply, message] of cases) {
    const script = await load({
      proto: PROTO,
      steps: [{ send: "x" }, { expect }],
    });
    const result = await runScript(script, peerIo(() => reply).io);
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.failure.message, message);
  }
});

Deno.test("script formats - an unknown type, a schema that does not parse or a bad value make the file invalid", async () => {
  const point = { type: "Point", value: { x: 1 } };
  const cases: [unknown, string][] = [
    [
      { steps: [{ send: { protobuf: point } }] },
      `steps[0].send.protobuf: needs the script's "proto" schema`,
    ],
    [
      {
        proto: 'syntax = "proto3"; message {',
        steps: [{ send: { protobuf: point } }],
      },
      "proto: the schema does not parse: line 1: illegal type name '{'",
    ],
    [
      {
        proto: PROTO,
        steps: [{
          repeat: {
            times: 1,
            steps: [{ expect: { protobuf: { type: "Pointt", value: {} } } }],
          },
        }],
      },
      `steps[0].repeat.steps[0].expect.protobuf.type: "Pointt" is not a message in the schema; it has demo.Point`,
    ],
    [
      {
        proto: PROTO,
        steps: [{ send: { protobuf: { type: "Point", value: { z: 1 } } } }],
      },
      `steps[0].send.protobuf.value: "z" is not a field of demo.Point`,
    ],
  ];
  for (const [script, message] of cases) {
    await assert.rejects(load(script), { message });
  }
  assert.throws(
    () => parseScript({ steps: [{ send: { msgpack: { $undefined: true } } }] }),
    {
      message: `steps[0].send.msgpack: "$undefined" is not in MessagePack`,
    },
  );
  assert.throws(
    () => parseScript({ steps: [{ expect: { protobuf: { type: "P" } } }] }),
    {
      message: "steps[0].expect.protobuf.value: expected a JSON value",
    },
  );
});
