import assert from "node:assert/strict";
import { TokenBucket } from "./token_bucket.ts";

Deno.test("TokenBucket - allows the burst, then the rate", () => {
  const bucket = new TokenBucket(10, 3, 0);
  assert.deepEqual([0, 0, 0, 0].map(() => bucket.take(0)), [
    true,
    true,
    true,
    false,
  ]);
  // 10 tokens a second: one more after 100 ms, not before.
  assert.equal(bucket.take(99), false);
  assert.equal(bucket.take(100), true);
  assert.equal(bucket.take(100), false);
});

Deno.test("TokenBucket - saves up no more than the burst", () => {
  const bucket = new TokenBucket(10, 2, 0);
  assert.equal(bucket.take(0), true);
  const taken = [1, 2, 3, 4].map(() => bucket.take(60_000));
  assert.deepEqual(taken, [true, true, false, false]);
});
