import assert from "node:assert/strict";
import { asksForPushes, pushSequence } from "./server_push.ts";

Deno.test("pushSequence - reads the sequence number of the server's push", () => {
  assert.equal(
    pushSequence('{"push":3,"time":"2026-12-01T20:00:00.000Z"}'),
    3,
  );
});

Deno.test("pushSequence - anything else is not a push", () => {
  for (
    const text of [
      "hello",
      '{"push":0,"time":"2026-12-01T20:00:00.000Z"}',
      '{"push":"3","time":"2026-12-01T20:00:00.000Z"}',
      '{"push":1.5,"time":"x"}',
      '{"push":1}',
      '{"push":1,"time":"x"',
      '{"time":"x","push":1}',
    ]
  ) {
    assert.equal(pushSequence(text), null, text);
  }
});

Deno.test("asksForPushes - only a URL with ?push", () => {
  assert.equal(asksForPushes("ws://127.0.0.1/api/ws?push=100&count=2"), true);
  assert.equal(asksForPushes("ws://127.0.0.1/api/ws?pushy=1"), false);
  assert.equal(asksForPushes("ws://127.0.0.1/api/ws"), false);
  assert.equal(asksForPushes("not a url"), false);
});
