import assert from "node:assert/strict";
import { formatMs, percentile, RttTracker, summarizeRtt } from "./rtt.ts";

Deno.test("RttTracker - matches echoes to sends in order", () => {
  const rtt = new RttTracker();
  rtt.sent(100);
  rtt.sent(105);
  rtt.sent(110);
  assert.equal(rtt.pending, 3);
  assert.equal(rtt.received(112), 12);
  assert.equal(rtt.received(120), 15);
  assert.equal(rtt.received(111), 1);
  assert.equal(rtt.pending, 0);
  assert.deepEqual(rtt.samples, [12, 15, 1]);
});

Deno.test("RttTracker - a message with no send waiting has no round trip", () => {
  const rtt = new RttTracker();
  assert.equal(rtt.received(5), undefined);
  rtt.sent(10);
  assert.equal(rtt.received(13), 3);
  assert.equal(rtt.received(14), undefined);
  assert.deepEqual(rtt.samples, [3]);
});

Deno.test("RttTracker - reset forgets waiting sends but keeps samples", () => {
  const rtt = new RttTracker();
  rtt.sent(0);
  assert.equal(rtt.received(2), 2);
  rtt.sent(3);
  rtt.reset();
  assert.equal(rtt.pending, 0);
  assert.equal(rtt.received(9), undefined);
  assert.deepEqual(rtt.samples, [2]);
});

Deno.test("RttTracker - keeps only the most recent window of samples", () => {
  const rtt = new RttTracker(3);
  for (let i = 0; i < 5; i++) rtt.sent(0);
  for (let i = 1; i <= 5; i++) rtt.received(i);
  assert.deepEqual(rtt.samples, [3, 4, 5]);
});

Deno.test("RttTracker - stays in order across its internal compaction", () => {
  const rtt = new RttTracker();
  for (let i = 0; i < 5000; i++) rtt.sent(i);
  for (let i = 0; i < 5000; i++) assert.equal(rtt.received(i + 7), 7);
  assert.equal(rtt.pending, 0);
});

Deno.test("percentile - uses the nearest rank", () => {
  const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.equal(percentile(sorted, 50), 5);
  assert.equal(percentile(sorted, 90), 9);
  assert.equal(percentile(sorted, 99), 10);
  assert.equal(percentile(sorted, 0), 1);
  assert.equal(percentile([42], 99), 42);
  assert.ok(Number.isNaN(percentile([], 50)));
});

Deno.test("summarizeRtt - last in order, percentiles sorted", () => {
  assert.deepEqual(summarizeRtt([30, 10, 20, 40]), {
    count: 4,
    last: 40,
    p50: 20,
    p90: 40,
    p99: 40,
    max: 40,
  });
  assert.equal(summarizeRtt([]), null);
});

Deno.test("formatMs - more digits for shorter times", () => {
  assert.equal(formatMs(0.421), "0.42 ms");
  assert.equal(formatMs(12.345), "12.3 ms");
  assert.equal(formatMs(1534.4), "1534 ms");
});
