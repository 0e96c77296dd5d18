import assert from "node:assert/strict";
import { BytePacer } from "./byte_pacer.ts";

Deno.test("BytePacer - the burst goes at once, then bytes wait for the rate", () => {
  const pacer = new BytePacer(1000, 3000, 0); // 1 byte per ms
  assert.equal(pacer.charge(2000, 0), 0);
  assert.equal(pacer.charge(1000, 0), 0);
  assert.equal(pacer.charge(500, 0), 500);
  // 700 ms later the bucket has 700 - 500 = 200 bytes.
  assert.equal(pacer.charge(200, 700), 0);
  assert.equal(pacer.charge(100, 700), 100);
});

Deno.test("BytePacer - refills up to the burst, never past it", () => {
  const pacer = new BytePacer(1000, 3000, 0);
  pacer.charge(3000, 0);
  assert.equal(pacer.charge(3000, 1_000_000), 0);
  assert.equal(pacer.charge(1, 1_000_000), 1);
});

Deno.test("BytePacer - a forgiven debt starts pacing from an empty bucket", () => {
  const pacer = new BytePacer(1000, 1000, 0);
  assert.equal(pacer.charge(5000, 0), 4000);
  pacer.forgive();
  assert.equal(pacer.charge(100, 0), 100);
  assert.equal(pacer.charge(100, 300), 0);
});
