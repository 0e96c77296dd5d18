import assert from "node:assert/strict";
import { loadMallocTrim, MemoryTrimmer } from "./memory_trim.ts";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

Deno.test("MemoryTrimmer - trims once, after a drop by minDrop and by half from the peak", async () => {
  let trims = 0;
  const trimmer = new MemoryTrimmer({
    trim: () => trims++,
    minDrop: 10,
    delayMs: 20,
  });
  for (let open = 1; open <= 30; open++) trimmer.observe(open);
  trimmer.observe(21); // 9 fewer: not enough
  trimmer.observe(16); // 14 fewer, but more than half still open
  await tick(40);
  assert.equal(trims, 0);
  trimmer.observe(15); // half gone: trims in 20 and 80 ms
  trimmer.observe(3);
  assert.equal(trims, 0);
  await tick(40);
  assert.equal(trims, 1);
  await tick(60);
  assert.equal(trims, 2);
  assert.equal(trimmer.trims, 2);
  // The peak starts again from what is open after the trims.
  trimmer.observe(2);
  await tick(100);
  assert.equal(trims, 2);
});

Deno.test("MemoryTrimmer - stop cancels a pending trim", async () => {
  let trims = 0;
  const trimmer = new MemoryTrimmer({
    trim: () => trims++,
    minDrop: 1,
    delayMs: 10,
  });
  trimmer.observe(4);
  trimmer.observe(0);
  trimmer.stop();
  await tick(30);
  assert.equal(trims, 0);
});

Deno.test("loadMallocTrim - null without the FFI permission", () => {
  // The test permission set grants no FFI, as a default `deno task start`.
  assert.equal(loadMallocTrim(), null);
});
