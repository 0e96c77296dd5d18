import assert from "node:assert/strict";
import { createLogger, createStdoutSink } from "./log.ts";

function recorder() {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  return {
    chunks,
    writeSync(bytes: Uint8Array) {
      chunks.push(decoder.decode(bytes));
      return bytes.length;
    },
  };
}

Deno.test("createStdoutSink - lines go out in batches, in order", async () => {
  const output = recorder();
  const sink = createStdoutSink(output);
  sink("one");
  sink("two");
  assert.deepEqual(output.chunks, []);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(output.chunks, ["one\ntwo\n"]);
  sink("three");
  sink.flush();
  assert.deepEqual(output.chunks, ["one\ntwo\n", "three\n"]);
});

Deno.test("createStdoutSink - a full batch is written at once", () => {
  const output = recorder();
  const sink = createStdoutSink(output);
  for (let i = 0; i < 1024; i++) sink(`${i}`);
  assert.equal(output.chunks.length, 1);
  assert.equal(output.chunks[0].split("\n").length, 1025);
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
