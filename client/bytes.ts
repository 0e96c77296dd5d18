/**
 * Parsing bytes typed by a person. Browser-safe.
 *
 * @module
 */

/**
 * Parses hex such as `"48 65 6c 6c 6f"`, `"48656c6c6f"` or `"0x48,0x65"`.
 *
 * @returns the bytes, or an error message naming the first bad input
 */
export function parseHex(text: string): Uint8Array | string {
  const digits = text.replace(/0x/gi, "").replace(/[\s,:]/g, "");
  const bad = digits.match(/[^0-9a-fA-F]/);
  if (bad) return `"${bad[0]}" is not a hex digit`;
  if (digits.length % 2 !== 0) {
    return "Hex needs an even number of digits (two per byte)";
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  }
  return bytes;
}
