import assert from "node:assert/strict";
import {
  absoluteSocketUrl,
  CODE_LIMITS,
  sessionFromCapture,
  sessionFromScript,
} from "./code_source.ts";
import { parseScript } from "./script_parse.ts";

const BASE = "http://127.0.0.1:8000/";

Deno.test("code source - a relative or http URL becomes the ws URL the socket opened", () => {
  assert.equal(
    absoluteSocketUrl("/api/ws?a=1&b=2", BASE),
    "ws://127.0.0.1:8000/api/ws?a=1&b=2",
  );
  assert.equal(
    absoluteSocketUrl("https://example.com/x", BASE),
    "wss://example.com/x",
  );
  assert.equal(absoluteSocketUrl("ws://h:1/x", BASE), "ws://h:1/x");
});

Deno.test("code source - a captured socket keeps its URL, subprotocols, messages and close", () => {
  const bytes = new Uint8Array([1, 2]);
  assert.deepEqual(
    sessionFromCapture({
      url: "ws://h:1/x",
      protocols: ["chat"],
      messages: ["a", bytes],
      sent: 2,
      close: { code: 4000, reason: "bye" },
    }, BASE),
    {
      url: "ws://h:1/x",
      protocols: ["chat"],
      messages: ["a", bytes],
      close: { code: 4000, reason: "bye" },
      notes: [],
    },
  );
});

Deno.test("code source - messages past the limits are left out with a note saying how many were sent", () => {
  const big = "x".repeat(CODE_LIMITS.maxBytes - 2);
  const session = sessionFromCapture({
    url: "ws://h:1/x",
    protocols: [],
    messages: ["first", big, "third"],
    sent: 150,
    close: null,
  }, BASE);
  assert.deepEqual(session.messages, ["first"]);
  assert.deepEqual(session.notes, [
    "The first 1 of 150 messages sent are here.",
  ]);
  assert.equal("close" in session, false);
});

Deno.test("code source - a script's sends in order, repeats unrolled, up to its first close", () => {
  const script = parseScript(JSON.stringify({
    protocols: ["chat"],
    steps: [
      { send: "hello" },
      { expect: { equals: "hello" } },
      { send: { json: { id: 1 } } },
      { send: { hex: "00ff" } },
      { wait: 10 },
      { repeat: { times: 2, steps: [{ send: "x" }] } },
      { repeat: { everyMs: 100, forMs: 250, steps: [{ send: "t" }] } },
      { close: { code: 1000, reason: "done" } },
      { send: "after the close" },
    ],
  }));
  assert.deepEqual(sessionFromScript(script, "/api/ws", BASE), {
    url: "ws://127.0.0.1:8000/api/ws",
    protocols: ["chat"],
    messages: [
      "hello",
      '{"id":1}',
      new Uint8Array([0, 255]),
      "x",
      "x",
      "t",
      "t",
      "t",
    ],
    close: { code: 1000, reason: "done" },
    notes: [],
  });
});

Deno.test("code source - a script that repeats past the walk's limit says only the first messages are here", () => {
  const script = parseScript(JSON.stringify({
    url: "ws://h:1/x",
    steps: [{
      repeat: {
        times: 10000,
        steps: [{ repeat: { times: 10000, steps: [{ send: "x" }] } }],
      },
    }],
  }));
  const session = sessionFromScript(script, "/ignored", BASE);
  assert.equal(session.url, "ws://h:1/x");
  assert.equal(session.messages.length, CODE_LIMITS.maxMessages);
  assert.deepEqual(session.notes, [
    `The first ${CODE_LIMITS.maxMessages} messages are here.`,
  ]);
});

Deno.test("code source - sends in MessagePack, CBOR or Protobuf are left out with a note", () => {
  const script = parseScript({
    url: "ws://h:1/x",
    proto: 'syntax = "proto3"; message P { int32 x = 1; }',
    steps: [
      { send: "a" },
      { send: { msgpack: 1 } },
      { send: { protobuf: { type: "P", value: {} } } },
    ],
  });
  const session = sessionFromScript(script, "/ignored", BASE);
  assert.deepEqual(session.messages, ["a"]);
  assert.deepEqual(session.notes, [
    "2 sends in MessagePack, CBOR or Protobuf left out.",
  ]);
});

Deno.test("code source - a script with connections has no code: a program holds one socket", () => {
  const script = parseScript({
    connections: { alice: { url: "ws://h/ws" }, bob: { url: "ws://h/ws" } },
    steps: [{ send: "a" }],
  });
  assert.throws(
    () => sessionFromScript(script, "/api/ws", BASE),
    new TypeError(
      "this script has 2 connections; code is written for a script with one url",
    ),
  );
});
