import assert from "node:assert/strict";
import {
  bytesEqual,
  decodeUtf8,
  encodeBase64,
  fitHexBytes,
  hexDump,
  hexLineChars,
  parseBase64,
  parseHex,
} from "./bytes.ts";

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

Deno.test("parseHex - accepts spaced, packed, 0x-prefixed and comma forms", () => {
  assert.deepEqual(
    parseHex("48 65 6c 6C 6f"),
    new Uint8Array([72, 101, 108, 108, 111]),
  );
  assert.deepEqual(parseHex("48656c"), new Uint8Array([0x48, 0x65, 0x6c]));
  assert.deepEqual(parseHex("0x00,0xFF"), new Uint8Array([0, 255]));
  assert.deepEqual(parseHex("de:ad"), new Uint8Array([0xde, 0xad]));
  assert.deepEqual(parseHex(""), new Uint8Array(0));
});

Deno.test("parseHex - names the first bad digit and an odd count", () => {
  assert.equal(parseHex("4g"), '"g" is not a hex digit');
  assert.equal(
    parseHex("abc"),
    "Hex needs an even number of digits (two per byte)",
  );
});

Deno.test("parseBase64 - decodes standard, URL-safe and unpadded input", () => {
  assert.deepEqual(parseBase64("SGVsbG8="), new TextEncoder().encode("Hello"));
  assert.deepEqual(parseBase64("SGVsbG8"), new TextEncoder().encode("Hello"));
  assert.deepEqual(
    parseBase64("SGVs\nbG8h"),
    new TextEncoder().encode("Hello!"),
  );
  assert.deepEqual(parseBase64("-_8="), new Uint8Array([0xfb, 0xff]));
  assert.deepEqual(parseBase64("+/8="), new Uint8Array([0xfb, 0xff]));
  assert.deepEqual(parseBase64(""), new Uint8Array(0));
});

Deno.test("parseBase64 - names a bad character, a missing one, extra padding", () => {
  assert.equal(parseBase64("SGV*"), '"*" is not a base64 character');
  assert.equal(
    parseBase64("SGVsb"),
    "Base64 cannot have 4n+1 characters; some are missing",
  );
  assert.equal(parseBase64("SG==="), "Base64 has too much padding");
});

Deno.test("encodeBase64 - pads and round-trips every byte value", () => {
  assert.equal(encodeBase64(new TextEncoder().encode("Hello")), "SGVsbG8=");
  assert.equal(encodeBase64(new TextEncoder().encode("Hell")), "SGVsbA==");
  assert.equal(encodeBase64(new Uint8Array(0)), "");
  assert.deepEqual(parseBase64(encodeBase64(ALL_BYTES)), ALL_BYTES);
  assert.equal(
    encodeBase64(ALL_BYTES),
    btoa(String.fromCharCode(...ALL_BYTES)),
  );
});

Deno.test("hexDump - shows offsets, hex pairs and printable ASCII", () => {
  const bytes = new TextEncoder().encode("Hello, WebSocket!\n\x00");
  assert.deepEqual(hexDump(bytes), [
    "00000000  48 65 6c 6c 6f 2c 20 57 65 62 53 6f 63 6b 65 74  Hello, WebSocket",
    "00000010  21 0a 00                                         !..",
  ]);
});

Deno.test("hexDump - stops at maxBytes", () => {
  const lines = hexDump(ALL_BYTES, 32);
  assert.equal(lines.length, 2);
  assert.equal(lines[1].slice(0, 8), "00000010");
  assert.deepEqual(hexDump(new Uint8Array(0)), []);
});

Deno.test("decodeUtf8 - replaces invalid bytes instead of throwing", () => {
  assert.equal(
    decodeUtf8(new Uint8Array([0x68, 0xc3, 0xa9, 0xff])),
    "hé\uFFFD",
  );
});

Deno.test("bytesEqual - compares length and every byte", () => {
  assert.equal(bytesEqual(ALL_BYTES, ALL_BYTES.slice()), true);
  assert.equal(
    bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])),
    false,
  );
  assert.equal(bytesEqual(new Uint8Array([1]), new Uint8Array([1, 0])), false);
});

Deno.test("hexDump - lines of perLine bytes, offsets stepping by perLine", () => {
  const bytes = new TextEncoder().encode("Hello, world!");
  assert.deepEqual(hexDump(bytes, 512, 8), [
    "00000000  48 65 6c 6c 6f 2c 20 77  Hello, w",
    "00000008  6f 72 6c 64 21           orld!",
  ]);
});

Deno.test("fitHexBytes - 16 bytes where their line fits with slack, else 8", () => {
  assert.equal(hexLineChars(16), 75);
  assert.equal(hexLineChars(8), 43);
  // 8 px characters: a 16-byte line is 600 px and needs 24 px to spare.
  assert.equal(fitHexBytes(624, 8), 16);
  assert.equal(fitHexBytes(623, 8), 8);
  assert.equal(fitHexBytes(335, 7.2), 8);
  // Not laid out yet: as the server renders it.
  assert.equal(fitHexBytes(0, 8), 16);
});
