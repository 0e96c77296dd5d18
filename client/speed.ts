/**
 * The speed test's pure parts: bounded settings, deterministic payloads an
 * echo must return byte for byte, and the figures a run reports.
 * Browser-safe.
 *
 * @module
 */

import { bytesEqual } from "./bytes.ts";
import { percentile } from "./rtt.ts";

/** What a speed test sends. */
export interface SpeedTestSettings {
  /** Messages to send. */
  count: number;
  /** Bytes per message. */
  size: number;
  /** Messages sent and not yet echoed, at most. */
  inFlight: number;
  /** Binary messages, else text. */
  binary: boolean;
}

/** Bounds a speed test must stay within, so a click cannot hang the tab. */
export const SPEED_TEST_LIMITS = {
  /** @default {100000} */
  maxCount: 100_000,
  /** @default {1048576} */
  maxSize: 1024 * 1024,
  /** @default {1000} */
  maxInFlight: 1000,
  /** Bytes sent in the whole run. @default {268435456} */
  maxTotalBytes: 256 * 1024 * 1024,
  /**
   * Bytes in flight at once; the echo server closes a client with more than
   * its send buffer (32 MiB by default) queued. @default {16777216}
   */
  maxInFlightBytes: 16 * 1024 * 1024,
} as const;

/** What the form holds, as typed. */
export interface SpeedTestInput {
  count: string;
  size: string;
  inFlight: string;
  binary: boolean;
}

/**
 * Parses and bounds the settings a person typed.
 *
 * @returns the settings, or an error message naming the value and its limit
 */
export function parseSpeedTest(
  input: SpeedTestInput,
): SpeedTestSettings | string {
  const L = SPEED_TEST_LIMITS;
  const fields = [
    ["Messages", input.count, L.maxCount],
    ["Size", input.size, L.maxSize],
    ["In flight", input.inFlight, L.maxInFlight],
  ] as const;
  const values: number[] = [];
  for (const [name, text, max] of fields) {
    const n = Number(text);
    if (text.trim() === "" || !Number.isInteger(n) || n < 1 || n > max) {
      return `${name} is "${text}", expected a whole number from 1 to ${max}`;
    }
    values.push(n);
  }
  const [count, size, inFlight] = values;
  if (count * size > L.maxTotalBytes) {
    return `Messages × size is ${
      count * size
    } bytes, more than the ${L.maxTotalBytes} (256 MiB) a run may send`;
  }
  if (Math.min(count, inFlight) * size > L.maxInFlightBytes) {
    return `In flight × size is ${
      Math.min(count, inFlight) * size
    } bytes, more than the ${L.maxInFlightBytes} (16 MiB) that may be in flight`;
  }
  return { count, size, inFlight, binary: input.binary };
}

const TEXT_ALPHABET =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * Message `index` of a run: `size` bytes that differ from one message to the
 * next, so an echo that reorders, drops or corrupts one fails the check.
 * Text is ASCII, so its byte size is its length.
 */
export function speedTestPayload(
  index: number,
  size: number,
  binary: boolean,
): string | Uint8Array<ArrayBuffer> {
  if (binary) {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = (index * 131 + i) & 0xff;
    return bytes;
  }
  let text = "";
  const chunk = Array.from(
    { length: 64 },
    (_, i) => TEXT_ALPHABET[(index * 7 + i) & 63],
  ).join("");
  while (text.length < size) text += chunk;
  return text.slice(0, size);
}

/** True when `echoed` is exactly message `index` of the run. */
export function isExactEcho(
  echoed: string | ArrayBuffer,
  index: number,
  settings: SpeedTestSettings,
): boolean {
  const expected = speedTestPayload(index, settings.size, settings.binary);
  if (typeof expected === "string") return echoed === expected;
  return echoed instanceof ArrayBuffer &&
    bytesEqual(new Uint8Array(echoed), expected);
}

/** A histogram bar: samples in `[from, to)` (the last bar includes `to`). */
export interface Bucket {
  from: number;
  to: number;
  count: number;
}

/** What a run measured. */
export interface SpeedTestReport {
  /** Messages echoed and checked. */
  messages: number;
  /** Payload bytes echoed and checked. */
  bytes: number;
  elapsedMs: number;
  messagesPerSecond: number;
  /** Megabytes (10^6 bytes) of payload echoed per second. */
  megabytesPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  histogram: Bucket[];
}

/** `buckets` equal-width bars from the smallest sample to the largest. */
export function histogram(samples: ArrayLike<number>, buckets = 20): Bucket[] {
  if (samples.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < samples.length; i++) {
    min = Math.min(min, samples[i]);
    max = Math.max(max, samples[i]);
  }
  const width = (max - min) / buckets || 1;
  const bars = Array.from({ length: buckets }, (_, i) => ({
    from: min + i * width,
    to: min + (i + 1) * width,
    count: 0,
  }));
  for (let i = 0; i < samples.length; i++) {
    const at = Math.min(buckets - 1, Math.floor((samples[i] - min) / width));
    bars[at].count++;
  }
  return bars;
}

/** Figures for `messages` echoes of `size` bytes with these RTTs. */
export function speedTestReport(
  rtts: ArrayLike<number>,
  size: number,
  elapsedMs: number,
): SpeedTestReport {
  const sorted = Array.from(rtts).sort((a, b) => a - b);
  const messages = sorted.length;
  const seconds = elapsedMs / 1000;
  return {
    messages,
    bytes: messages * size,
    elapsedMs,
    messagesPerSecond: seconds > 0 ? messages / seconds : 0,
    megabytesPerSecond: seconds > 0 ? messages * size / 1e6 / seconds : 0,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[messages - 1] ?? NaN,
    histogram: histogram(sorted),
  };
}
