import assert from "node:assert/strict";
import { createBatchedSink, createLogger } from "./log.ts";

/** Stands in for `console.log`: one entry per call. */
function recorder() {
  const chunks: string[] = [];
  return { chunks, write: (text: string) => void chunks.push(text) };
}

Deno.test("createBatchedSink - lines go out in batches, one call each, in order", async () => {
  const output = recorder();
  const sink = createBatchedSink(output.write);
  sink("one");
  sink("two");
  assert.deepEqual(output.chunks, []);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(output.chunks, ["one\ntwo"]);
  sink("three");
  sink.flush();
  assert.deepEqual(output.chunks, ["one\ntwo", "three"]);
});

Deno.test("createBatchedSink - a full batch is written at once", () => {
  const output = recorder();
  const sink = createBatchedSink(output.write);
  for (let i = 0; i < 1024; i++) sink(`${i}`);
  assert.equal(output.chunks.length, 1);
  assert.equal(output.chunks[0].split("\n").length, 1024);
  sink.flush();
  assert.equal(output.chunks.length, 1);
});

Deno.test("createLogger - drops records below its level, writes JSON lines", () => {
  const lines: string[] = [];
  const logger = createLogger("warn", (line) => lines.push(line));
  logger.info("hidden");
  logger.warn("shown", { id: "7" });
  assert.equal(lines.length, 1);
  const record = JSON.parse(lines[0]);
  assert.equal(record.level, "warn");
  assert.equal(record.event, "shown");
  assert.equal(record.id, "7");
  assert.match(record.time, /^\d{4}-\d\d-\d\dT/);
});
