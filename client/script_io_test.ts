import assert from "node:assert/strict";
import { IncomingQueue } from "./script_io.ts";

Deno.test("IncomingQueue - hands out messages in order, then the close for good", async () => {
  const queue = new IncomingQueue();
  queue.push({ data: "a" });
  queue.push({ data: new Uint8Array([1]) });
  queue.push({ closed: { code: 1000, reason: "done" } });
  queue.push({ data: "after the close" });
  assert.equal(queue.size, 2);
  assert.deepEqual(await queue.next(10), { data: "a" });
  assert.deepEqual(await queue.next(10), { data: new Uint8Array([1]) });
  const close = { closed: { code: 1000, reason: "done" } };
  assert.deepEqual(await queue.next(10), close);
  assert.deepEqual(await queue.next(10), close);
});

Deno.test("IncomingQueue - a taker waiting gets the next message as it arrives", async () => {
  const queue = new IncomingQueue();
  const next = queue.next(1000);
  queue.push({ data: "late" });
  assert.deepEqual(await next, { data: "late" });
  assert.equal(queue.size, 0);
});

Deno.test("IncomingQueue - waits at most timeoutMs, or until the signal aborts", async () => {
  const queue = new IncomingQueue();
  assert.equal(await queue.next(5), "timeout");
  const controller = new AbortController();
  const next = queue.next(60000, controller.signal);
  controller.abort();
  assert.equal(await next, "timeout");
  queue.push({ data: "kept" });
  assert.deepEqual(await queue.next(5), { data: "kept" });
});

Deno.test("IncomingQueue - refuses a second taker", () => {
  const queue = new IncomingQueue();
  const controller = new AbortController();
  const first = queue.next(60000, controller.signal);
  assert.throws(
    () => queue.next(1),
    new Error("IncomingQueue has a taker already"),
  );
  controller.abort();
  return first.then((result) => assert.equal(result, "timeout"));
});
