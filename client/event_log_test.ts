import assert from "node:assert/strict";
import {
  defaultSocketUrl,
  describeCloseCode,
  entryText,
  formatTime,
  parseProtocolList,
  validateClose,
} from "./event_log.ts";

Deno.test("defaultSocketUrl - ws: on http, wss: on https, this host's /api/ws", () => {
  assert.equal(
    defaultSocketUrl({ protocol: "http:", host: "localhost:8000" }),
    "ws://localhost:8000/api/ws",
  );
  assert.equal(
    defaultSocketUrl({ protocol: "https:", host: "echo.example" }),
    "wss://echo.example/api/ws",
  );
});

Deno.test("describeCloseCode - names registered codes and the application range", () => {
  assert.equal(describeCloseCode(1000), "1000 Normal Closure");
  assert.equal(describeCloseCode(1009), "1009 Message Too Big");
  assert.equal(describeCloseCode(4001), "4001 Application");
  assert.equal(describeCloseCode(2999), "2999");
});

Deno.test("validateClose - only codes WebSocket.close accepts, reasons up to 123 bytes", () => {
  assert.equal(validateClose("1000", "bye"), null);
  assert.equal(validateClose("", ""), null);
  assert.equal(validateClose("3000", "é".repeat(61)), null);
  assert.equal(
    validateClose("1001", ""),
    'Close code "1001" is not allowed; use 1000 or 3000-4999',
  );
  assert.equal(
    validateClose("abc", ""),
    'Close code "abc" is not allowed; use 1000 or 3000-4999',
  );
  assert.equal(
    validateClose("1000", "é".repeat(62)),
    "Close reason is longer than 123 bytes",
  );
});

Deno.test("parseProtocolList - tokens, or a message naming the bad one", () => {
  assert.deepEqual(parseProtocolList(" graphql-ws , mqtt,"), [
    "graphql-ws",
    "mqtt",
  ]);
  assert.deepEqual(parseProtocolList(""), []);
  assert.equal(
    parseProtocolList("chat, v 2"),
    '"v 2" is not a valid subprotocol name',
  );
});

Deno.test("formatTime - local time to the millisecond", () => {
  const time = new Date(2026, 10, 24, 9, 5, 7, 42).getTime();
  assert.equal(formatTime(time), "09:05:07.042");
});

Deno.test("entryText - the message itself, binary as hex pairs", () => {
  const base = { id: 1, time: 0, direction: "in" } as const;
  assert.equal(entryText({ ...base, kind: "message", text: "héllo" }), "héllo");
  assert.equal(entryText({ ...base, kind: "message", text: "" }), "");
  assert.equal(
    entryText({
      ...base,
      kind: "message",
      bytes: new Uint8Array([0, 171, 255]),
    }),
    "00 ab ff",
  );
  assert.equal(
    entryText({
      ...base,
      kind: "close",
      close: { code: 1000, reason: "", wasClean: true },
    }),
    "code 1000 Normal Closure, reason (none), wasClean true",
  );
  assert.equal(
    entryText({ ...base, kind: "state", state: 2, text: "close() called" }),
    "2 CLOSING · close() called",
  );
});
