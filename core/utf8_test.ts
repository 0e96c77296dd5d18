import assert from "node:assert/strict";
import { utf8Length } from "./utf8.ts";

Deno.test("utf8Length - matches TextEncoder for 1- to 4-byte characters and lone surrogates", () => {
  const encoder = new TextEncoder();
  for (
    const text of [
      "",
      "ascii",
      "é",
      "€",
      "日本語",
      "😀",
      "a😀b𝄞",
      "\ud800",
      "x\udc00y",
      "\ud83d",
    ]
  ) {
    assert.equal(
      utf8Length(text),
      encoder.encode(text).length,
      JSON.stringify(text),
    );
  }
});

Deno.test("utf8Length - matches TextEncoder for a 1 MiB text of mixed widths", () => {
  const text = "é€😀a".repeat(1024 * 1024 / 5) + "\ud800";
  assert.equal(utf8Length(text), new TextEncoder().encode(text).length);
});
