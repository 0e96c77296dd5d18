/**
 * Bytes typed by a person, and bytes shown to one: hex and base64 parsing,
 * base64 encoding, hex dumps with offsets, lossless UTF-8 decoding.
 * Browser-safe.
 *
 * @module
 */

/**
 * Parses hex such as `"48 65 6c 6c 6f"`, `"48656c6c6f"` or `"0x48,0x65"`.
 *
 * @returns the bytes, or an error message naming the first bad input
 */
export function parseHex(text: string): Uint8Array<ArrayBuffer> | string {
  const digits = text.replace(/0x/gi, "").replace(/[\s,:]/g, "");
  const bad = digits.match(/[^0-9a-fA-F]/);
  if (bad) return `"${bad[0]}" is not a hex digit`;
  if (digits.length % 2 !== 0) {
    return "Hex needs an even number of digits (two per byte)";
  }
  const bytes = new Uint8Array(digits.length / 2);
  // A table, not parseInt on slices: a 16 MiB draft parses in milliseconds.
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = (HEX_VALUES[digits.charCodeAt(i * 2)] << 4) |
      HEX_VALUES[digits.charCodeAt(i * 2 + 1)];
  }
  return bytes;
}

/** Each ASCII code's value as a hex digit (0 where it is none). */
const HEX_VALUES = Uint8Array.from(
  { length: 128 },
  (_, code) => {
    const n = parseInt(String.fromCharCode(code), 16);
    return Number.isNaN(n) ? 0 : n;
  },
);

const BASE64_ALPHABET =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Each ASCII code's value in the base64 alphabet. */
const BASE64_VALUES = Uint8Array.from(
  { length: 128 },
  (_, code) => Math.max(0, BASE64_ALPHABET.indexOf(String.fromCharCode(code))),
);

/**
 * Parses base64 (RFC 4648 §4, or the URL-safe alphabet of §5); whitespace is
 * ignored and padding is optional.
 *
 * @returns the bytes, or an error message naming the first bad input
 */
export function parseBase64(text: string): Uint8Array<ArrayBuffer> | string {
  const compact = text.replace(/\s/g, "");
  const body = compact.replace(/=+$/, "");
  const bad = body.match(/[^A-Za-z0-9+/\-_]/);
  if (bad) return `"${bad[0]}" is not a base64 character`;
  if (body.length % 4 === 1) {
    return "Base64 cannot have 4n+1 characters; some are missing";
  }
  if (compact.length - body.length > 2) return "Base64 has too much padding";
  const standard = body.replace(/-/g, "+").replace(/_/g, "/");
  const bytes = new Uint8Array(Math.floor(standard.length * 3 / 4));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (let i = 0; i < standard.length; i++) {
    buffer = (buffer << 6) | BASE64_VALUES[standard.charCodeAt(i)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

/** Standard base64 with padding, as RFC 4648 §4 writes it. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) |
      (bytes[i + 2] ?? 0);
    out += BASE64_ALPHABET[n >> 18] + BASE64_ALPHABET[(n >> 12) & 63] +
      (i + 1 < bytes.length ? BASE64_ALPHABET[(n >> 6) & 63] : "=") +
      (i + 2 < bytes.length ? BASE64_ALPHABET[n & 63] : "=");
  }
  return out;
}

/** Bytes per hex dump line where a line of them fits, as `xxd` shows it. */
export const HEX_DUMP_WIDTH = 16;

/** Bytes per hex dump line where 16 do not fit (phone width). */
export const HEX_DUMP_NARROW = 8;

/**
 * Pixels a hex dump line leaves free in its box: a long message's box has
 * a border and a vertical scrollbar inside the width a probe measures.
 */
export const HEX_LINE_SLACK_PX = 24;

/** Characters in a hex dump line of `perLine` bytes: offset, pairs, ASCII. */
export function hexLineChars(perLine: number): number {
  return 8 + 2 + (perLine * 3 - 1) + 2 + perLine;
}

/**
 * Bytes per hex dump line for a box `width` pixels wide whose characters
 * are `charWidth` pixels: 16 where such a line fits with
 * {@linkcode HEX_LINE_SLACK_PX} to spare, else 8. A box not laid out
 * (width 0) gets 16, as the server renders it.
 */
export function fitHexBytes(width: number, charWidth: number): number {
  if (width <= 0 || charWidth <= 0) return HEX_DUMP_WIDTH;
  const room = width - HEX_LINE_SLACK_PX;
  return hexLineChars(HEX_DUMP_WIDTH) * charWidth <= room
    ? HEX_DUMP_WIDTH
    : HEX_DUMP_NARROW;
}

/**
 * A hex dump of at most `maxBytes` bytes: one line per `perLine` bytes with
 * the offset, the hex pairs and the printable ASCII, as `xxd` shows it.
 */
export function hexDump(
  bytes: Uint8Array,
  maxBytes = 512,
  perLine = HEX_DUMP_WIDTH,
): string[] {
  const shown = bytes.subarray(0, maxBytes);
  const lines: string[] = [];
  for (let offset = 0; offset < shown.length; offset += perLine) {
    const row = shown.subarray(offset, offset + perLine);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, "0"))
      .join(" ").padEnd(perLine * 3 - 1);
    const ascii = Array.from(
      row,
      (b) => b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".",
    ).join("");
    lines.push(`${offset.toString(16).padStart(8, "0")}  ${hex}  ${ascii}`);
  }
  return lines;
}

/** UTF-8 decoded with U+FFFD for bytes that are not UTF-8, never throwing. */
export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** True when both hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
