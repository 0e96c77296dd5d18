import assert from "node:assert/strict";
import { downloadName, pieceCount, previewNote } from "./message_download.ts";
import { isTruncated, pieceText, PREVIEW_UNITS } from "./message_preview.ts";

const MiB = 1024 * 1024;

Deno.test("pieceText - text in pieces of 64 Ki characters, the last one short", () => {
  const text = "a".repeat(PREVIEW_UNITS) + "b".repeat(10);
  assert.equal(isTruncated(text), true);
  assert.equal(isTruncated("a".repeat(PREVIEW_UNITS)), false);
  assert.equal(pieceCount(text), 2);
  assert.equal(pieceText(text, 0), "a".repeat(PREVIEW_UNITS));
  assert.equal(pieceText(text, 1), "b".repeat(10));
});

Deno.test("pieceText - binary pieces are hex dumps with offsets from the message's start", () => {
  const bytes = new Uint8Array(PREVIEW_UNITS + 3).fill(0x41);
  const second = pieceText(bytes, 1);
  assert.equal(second, "00010000  41 41 41" + " ".repeat(39) + "  AAA");
  assert.equal(pieceText(bytes, 0).split("\n").length, PREVIEW_UNITS / 16);
  assert.equal(pieceText(new Uint8Array([0x68, 0x69]), 0, "text"), "hi");
});

Deno.test("previewNote - says how much is drawn, in characters or bytes", () => {
  const text = "x".repeat(16 * MiB);
  assert.equal(
    previewNote(text, false),
    "First 65,536 of 16,777,216 characters shown",
  );
  assert.equal(
    previewNote(text, true),
    "All 16,777,216 characters, drawn as you scroll",
  );
  const bytes = new Uint8Array(16 * MiB);
  assert.equal(previewNote(bytes, false), "First 64.0 KiB of 16.0 MiB shown");
  assert.equal(previewNote(bytes, true), "All 16.0 MiB, drawn as you scroll");
});

Deno.test("downloadName - text as .txt, binary as .bin", () => {
  assert.equal(downloadName(7, "hi"), "message-7.txt");
  assert.equal(downloadName(8, new Uint8Array(1)), "message-8.bin");
});

Deno.test("pieceText - 8 bytes per line keep offsets from the message's start", () => {
  const bytes = new Uint8Array(PREVIEW_UNITS + 20);
  const lines = pieceText(bytes, 1, "hex", 8).split("\n");
  assert.deepEqual(lines.map((line) => line.slice(0, 8)), [
    "00010000",
    "00010008",
    "00010010",
  ]);
  assert.equal(pieceText(bytes, 0, "hex", 8).split("\n").length, 8192);
});
