import assert from "node:assert/strict";
import {
  histogram,
  isExactEcho,
  parseSpeedTest,
  SPEED_TEST_LIMITS,
  speedTestPayload,
  speedTestReport,
} from "./speed.ts";

const input = { count: "1000", size: "64", inFlight: "10", binary: false };

Deno.test("parseSpeedTest - accepts settings within the limits", () => {
  assert.deepEqual(parseSpeedTest(input), {
    count: 1000,
    size: 64,
    inFlight: 10,
    binary: false,
  });
  assert.deepEqual(
    parseSpeedTest({
      count: "256",
      size: "1048576",
      inFlight: "16",
      binary: true,
    }),
    { count: 256, size: 1048576, inFlight: 16, binary: true },
  );
});

Deno.test("parseSpeedTest - refuses each value out of range", () => {
  assert.equal(
    parseSpeedTest({ ...input, count: "100001" }),
    'Messages is "100001", expected a whole number from 1 to 100000',
  );
  assert.equal(
    parseSpeedTest({ ...input, size: "1048577" }),
    'Size is "1048577", expected a whole number from 1 to 1048576',
  );
  assert.equal(
    parseSpeedTest({ ...input, inFlight: "0" }),
    'In flight is "0", expected a whole number from 1 to 1000',
  );
  assert.equal(
    parseSpeedTest({ ...input, count: "2.5" }),
    'Messages is "2.5", expected a whole number from 1 to 100000',
  );
  assert.equal(
    parseSpeedTest({ ...input, size: "" }),
    'Size is "", expected a whole number from 1 to 1048576',
  );
});

Deno.test("parseSpeedTest - refuses more than 256 MiB in all or 16 MiB in flight", () => {
  assert.equal(
    parseSpeedTest({ ...input, count: "257", size: "1048576", inFlight: "1" }),
    "Messages × size is 269484032 bytes, more than the 268435456 (256 MiB) a run may send",
  );
  assert.equal(
    parseSpeedTest({ ...input, count: "100", size: "1048576", inFlight: "17" }),
    "In flight × size is 17825792 bytes, more than the 16777216 (16 MiB) that may be in flight",
  );
  assert.equal(SPEED_TEST_LIMITS.maxTotalBytes, 256 * 1024 * 1024);
});

Deno.test("speedTestPayload - exact size, differing between messages", () => {
  const a = speedTestPayload(0, 100, false);
  const b = speedTestPayload(1, 100, false);
  assert.equal(typeof a, "string");
  assert.equal((a as string).length, 100);
  assert.notEqual(a, b);
  assert.equal(speedTestPayload(0, 5, false), "ABCDE");
  assert.deepEqual(
    speedTestPayload(1, 4, true),
    new Uint8Array([131, 132, 133, 134]),
  );
});

Deno.test("isExactEcho - accepts only the same message, same type", () => {
  const text = { count: 2, size: 70, inFlight: 1, binary: false };
  assert.equal(
    isExactEcho(speedTestPayload(1, 70, false) as string, 1, text),
    true,
  );
  assert.equal(
    isExactEcho(speedTestPayload(0, 70, false) as string, 1, text),
    false,
  );
  const binary = { ...text, binary: true };
  const bytes = speedTestPayload(1, 70, true) as Uint8Array<ArrayBuffer>;
  assert.equal(isExactEcho(bytes.buffer, 1, binary), true);
  const corrupt = bytes.slice();
  corrupt[69] ^= 1;
  assert.equal(isExactEcho(corrupt.buffer, 1, binary), false);
  assert.equal(isExactEcho("x".repeat(70), 1, binary), false);
});

Deno.test("histogram - equal-width bars from min to max, max in the last", () => {
  assert.deepEqual(histogram([1, 2, 2, 3, 5], 4), [
    { from: 1, to: 2, count: 1 },
    { from: 2, to: 3, count: 2 },
    { from: 3, to: 4, count: 1 },
    { from: 4, to: 5, count: 1 },
  ]);
  assert.deepEqual(histogram([7, 7], 2), [
    { from: 7, to: 8, count: 2 },
    { from: 8, to: 9, count: 0 },
  ]);
  assert.deepEqual(histogram([]), []);
});

Deno.test("speedTestReport - rates and percentiles", () => {
  const rtts = Array.from({ length: 100 }, (_, i) => i + 1);
  const report = speedTestReport(rtts, 1000, 2000);
  assert.equal(report.messages, 100);
  assert.equal(report.bytes, 100_000);
  assert.equal(report.messagesPerSecond, 50);
  assert.equal(report.megabytesPerSecond, 0.05);
  assert.equal(report.p50, 50);
  assert.equal(report.p90, 90);
  assert.equal(report.p99, 99);
  assert.equal(report.max, 100);
  assert.equal(report.histogram.length, 20);
  assert.equal(report.histogram.reduce((n, b) => n + b.count, 0), 100);
});
