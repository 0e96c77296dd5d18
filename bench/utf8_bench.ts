/**
 * What measuring a text message's UTF-8 size costs, next to what Deno pays
 * to encode the same text when it echoes it: `deno bench bench/utf8_bench.ts`.
 *
 * @module
 */

import { utf8Length } from "../core/utf8.ts";

const MIB = 1024 * 1024;
const TEXTS = {
  "1 MiB ASCII": "a".repeat(MIB),
  "1 MiB mixed (2-4 byte characters)": "é€😀a".repeat(MIB / 5),
  "32 B ASCII": "a".repeat(32),
};
const encoder = new TextEncoder();

/** The per-code-unit loop the server used before, for comparison. */
function utf8LengthLoop(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      bytes += 1;
    } else if (
      code >= 0xd800 && code <= 0xdbff && i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      bytes += 2;
      i++;
    } else {
      bytes += 2;
    }
  }
  return bytes;
}

for (const [name, text] of Object.entries(TEXTS)) {
  Deno.bench(`${name}: utf8Length`, { group: name, baseline: true }, () => {
    utf8Length(text);
  });
  Deno.bench(`${name}: JavaScript loop (before)`, { group: name }, () => {
    utf8LengthLoop(text);
  });
  Deno.bench(`${name}: TextEncoder.encode (Deno's own work)`, {
    group: name,
  }, () => {
    encoder.encode(text);
  });
}
