import assert from "node:assert/strict";
import { backoffDelay, DEFAULT_BACKOFF, formatCountdown } from "./backoff.ts";

Deno.test("backoffDelay - doubles the ceiling per attempt up to the cap", () => {
  const highest = (attempt: number) =>
    backoffDelay(attempt, DEFAULT_BACKOFF, 1);
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 20].map(highest),
    [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000],
  );
});

Deno.test("backoffDelay - jitter stays in the upper half of the ceiling", () => {
  assert.equal(backoffDelay(0, DEFAULT_BACKOFF, 0), 500);
  assert.equal(backoffDelay(2, DEFAULT_BACKOFF, 0.5), 3000);
  assert.equal(backoffDelay(9, DEFAULT_BACKOFF, 0), 15000);
});

Deno.test("backoffDelay - follows custom options", () => {
  const options = { baseMs: 100, factor: 3, maxMs: 1000 };
  assert.deepEqual(
    [0, 1, 2, 3].map((a) => backoffDelay(a, options, 1)),
    [100, 300, 900, 1000],
  );
});

Deno.test("formatCountdown - tenths of a second, rounded up", () => {
  assert.equal(formatCountdown(3400), "3.4 s");
  assert.equal(formatCountdown(3401), "3.5 s");
  assert.equal(formatCountdown(1), "0.1 s");
  assert.equal(formatCountdown(-5), "0.0 s");
});
