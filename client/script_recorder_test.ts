import assert from "node:assert/strict";
import { Recorder, scriptName } from "./script_recorder.ts";
import { CONNECTION_NAME } from "./script.ts";
import { parseScript } from "./script_parse.ts";

Deno.test("Recorder - writes sends and exact expectations in order", () => {
  const recorder = new Recorder({
    url: "ws://127.0.0.1:8000/api/ws",
    protocols: ["chat"],
  });
  recorder.sent("hello");
  recorder.received("hello");
  recorder.sent(new Uint8Array([0, 255, 16]));
  recorder.received(new Uint8Array([0, 255, 16]));
  recorder.received('{"push":1}');
  recorder.closing(1000, "done");
  recorder.closed(1000, "done");
  const expected = {
    url: "ws://127.0.0.1:8000/api/ws",
    protocols: ["chat"],
    steps: [
      { send: "hello" },
      { expect: { equals: "hello" } },
      { send: { hex: "00ff10" } },
      { expect: { hex: "00ff10" } },
      { expect: { equals: '{"push":1}' } },
      { close: { code: 1000, reason: "done" } },
      { expectClose: { code: 1000, reason: "done" } },
    ],
  };
  assert.equal(recorder.size, 7);
  assert.deepEqual(recorder.script(), expected);
  assert.equal(recorder.toJson(), JSON.stringify(expected, null, 2) + "\n");
  assert.deepEqual(parseScript(recorder.toJson()), expected);
});

Deno.test("Recorder - leaves out a close code a page may not send", () => {
  const recorder = new Recorder();
  recorder.closing();
  recorder.closing(1001, "away");
  recorder.closing(3000);
  recorder.closed(1005, "");
  assert.deepEqual(recorder.script(), {
    steps: [
      { close: {} },
      { close: {} },
      { close: { code: 3000 } },
      { expectClose: { code: 1005, reason: "" } },
    ],
  });
});

Deno.test("Recorder - an empty recording has no steps and no url", () => {
  assert.deepEqual(new Recorder().script(), { steps: [] });
});

Deno.test("Recorder - with steps on two connections, declares both and names each step's connection in the order things happened", () => {
  const recorder = new Recorder();
  recorder.target("alice", { url: "ws://h/api/ws?room=r" });
  recorder.target("bob", { url: "ws://h/api/ws?room=r", protocols: ["chat"] });
  recorder.target("carol", { url: "ws://h/unused" });
  recorder.sent("hello bob", "alice");
  recorder.received("hello bob", "bob");
  recorder.received("hello bob", "alice");
  recorder.sent(new Uint8Array([1, 2]), "bob");
  recorder.received(new Uint8Array([1, 2]), "alice");
  recorder.closing(1000, "bye", "bob");
  recorder.closed(1000, "bye", "bob");
  const expected = {
    connections: {
      alice: { url: "ws://h/api/ws?room=r" },
      bob: { url: "ws://h/api/ws?room=r", protocols: ["chat"] },
    },
    steps: [
      { send: "hello bob", on: "alice" },
      { expect: { equals: "hello bob" }, on: "bob" },
      { expect: { equals: "hello bob" }, on: "alice" },
      { send: { hex: "0102" }, on: "bob" },
      { expect: { hex: "0102" }, on: "alice" },
      { close: { code: 1000, reason: "bye" }, on: "bob" },
      { expectClose: { code: 1000, reason: "bye" }, on: "bob" },
    ],
  };
  assert.deepEqual(recorder.script(), expected);
  assert.deepEqual(parseScript(recorder.toJson()), expected);
});

Deno.test("Recorder - steps on one named connection make a url script, as with one socket", () => {
  const recorder = new Recorder();
  recorder.target("A", { url: "ws://h/a", protocols: ["v2"] });
  recorder.target("B", { url: "ws://h/b" });
  recorder.sent("hi", "A");
  recorder.received("hi", "A");
  assert.deepEqual(recorder.script(), {
    url: "ws://h/a",
    protocols: ["v2"],
    steps: [{ send: "hi" }, { expect: { equals: "hi" } }],
  });
});

Deno.test("Recorder - target moves a connection until it has steps, then keeps where it connected", () => {
  const recorder = new Recorder();
  recorder.target("A", { url: "ws://h/field" });
  recorder.target("A", { url: "ws://h/opened" });
  recorder.sent("x", "A");
  recorder.target("A", { url: "ws://h/later" });
  recorder.sent("y", "B");
  assert.deepEqual(recorder.script().connections, {
    A: { url: "ws://h/opened" },
    B: { url: "" },
  });
});

Deno.test("Recorder - rename moves a connection's steps and where it connects to its new name, keeping its place", () => {
  const recorder = new Recorder();
  recorder.target("A", { url: "ws://h/a" });
  recorder.target("B", { url: "ws://h/b", protocols: ["chat"] });
  recorder.target("C", { url: "ws://h/c" });
  recorder.sent("x", "A");
  recorder.sent("y", "B");
  recorder.rename("A", "alice");
  recorder.sent("z", "alice");
  recorder.received("y", "B");
  recorder.rename("B", "bob");
  recorder.target("bob", { url: "ws://h/later" });
  const expected = {
    connections: {
      alice: { url: "ws://h/a" },
      bob: { url: "ws://h/b", protocols: ["chat"] },
    },
    steps: [
      { send: "x", on: "alice" },
      { send: "y", on: "bob" },
      { send: "z", on: "alice" },
      { expect: { equals: "y" }, on: "bob" },
    ],
  };
  assert.deepEqual(recorder.script(), expected);
  assert.deepEqual(Object.keys(recorder.script().connections!), [
    "alice",
    "bob",
  ]);
  assert.deepEqual(parseScript(recorder.toJson()), expected);
});

Deno.test("scriptName - maps a page name to one a script accepts, unique among those taken", () => {
  assert.equal(scriptName("alice", []), "alice");
  assert.equal(scriptName("bob smith", []), "bob_smith");
  assert.equal(scriptName("zoë", []), "zo_");
  assert.equal(scriptName("   ", ["___"]), "___-2");
  assert.equal(scriptName("", []), "c");
  assert.equal(scriptName("a b", ["a_b", "a_b-2"]), "a_b-3");
  assert.equal(scriptName("2", []), "c2");
  for (
    const name of ["alice", "bob_smith", "zo_", "___-2", "c", "a_b-3", "c2"]
  ) {
    assert.match(name, CONNECTION_NAME);
  }
});
