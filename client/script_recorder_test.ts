import assert from "node:assert/strict";
import { Recorder } from "./script_recorder.ts";
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
