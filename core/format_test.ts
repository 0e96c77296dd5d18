import assert from "node:assert/strict";
import { escapeText, formatBytes, hexPreview } from "./format.ts";

Deno.test("formatBytes - exact below 1 KiB, one decimal above", () => {
  assert.equal(formatBytes(0), "0 B");
  assert.equal(formatBytes(1023), "1023 B");
  assert.equal(formatBytes(1536), "1.5 KiB");
  assert.equal(formatBytes(16 * 1024 * 1024), "16.0 MiB");
  assert.equal(formatBytes(200 * 1024), "200 KiB");
});

Deno.test("formatBytes - a failed measurement shows as n/a, a loss as negative", () => {
  assert.equal(formatBytes(NaN), "n/a");
  assert.equal(formatBytes(-1536), "-1.5 KiB");
});

Deno.test("hexPreview - pairs of hex digits, cut with an ellipsis", () => {
  assert.equal(hexPreview(new Uint8Array([0, 15, 255])), "00 0f ff");
  assert.equal(hexPreview(new Uint8Array([1, 2, 3]), 2), "01 02 …");
});

Deno.test("escapeText - escapes control characters and cuts long text", () => {
  assert.equal(escapeText('a\nb"\u0007'), '"a\\nb\\"\\u0007"');
  assert.equal(escapeText("abcdef", 3), '"abc…"');
});
