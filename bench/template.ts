/**
 * The payloads the raw clients send: a per-socket template whose first bytes
 * carry the message's sequence number, and a fast check of echoed bytes
 * against it.
 *
 * @module
 */

/** The messages a socket sends: text or binary, and their size. */
export interface MessageShape {
  binary: boolean;
  bytes: number;
}

/** Sequence numbers occupy the first bytes of every message, in hex. */
export const PREFIX = 8;
const HEX = new TextEncoder().encode("0123456789abcdef");

/**
 * Compares `length` bytes of `chunk` from `at` with the template from
 * `offset`, 4 bytes at a time where both line up; returns the offset of the
 * first difference, or -1. `shifted[s]` holds the template starting at `s`.
 */
export function compareToTemplate(
  chunk: Uint8Array,
  at: number,
  length: number,
  shifted: Uint8Array[],
  offset: number,
): number {
  let i = 0;
  // Bytes until the chunk's position is 4-byte aligned in its buffer.
  const head = Math.min(length, (4 - ((chunk.byteOffset + at) & 3)) & 3);
  for (; i < head; i++) {
    if (chunk[at + i] !== shifted[0][offset + i]) return offset + i;
  }
  const words = (length - i) >> 2;
  if (words > 0) {
    const start = offset + i;
    const shift = (4 - (start & 3)) & 3;
    const copy = shifted[shift];
    const a = new Uint32Array(chunk.buffer, chunk.byteOffset + at + i, words);
    const b = new Uint32Array(
      copy.buffer,
      copy.byteOffset + start + shift,
      words,
    );
    for (let w = 0; w < words; w++) {
      if (a[w] !== b[w]) {
        for (let j = w * 4; j < w * 4 + 4; j++) {
          if (chunk[at + i + j] !== shifted[0][start + j]) return start + j;
        }
      }
    }
    i += words * 4;
  }
  for (; i < length; i++) {
    if (chunk[at + i] !== shifted[0][offset + i]) return offset + i;
  }
  return -1;
}

/** Byte `index` of the sequence-number prefix of message `seq`. */
export function prefixByte(seq: number, index: number): number {
  return HEX[(seq >>> ((PREFIX - 1 - index) * 4)) & 15];
}

/** Printable ASCII for text, pseudo-random bytes for binary, seeded by id. */
export function makeTemplate(shape: MessageShape, id: number): Uint8Array {
  const bytes = new Uint8Array(shape.bytes);
  let state = (id * 2_654_435_761 + 1) >>> 0 || 1;
  for (let i = 0; i < bytes.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[i] = shape.binary ? state & 0xff : 0x21 + (state % 94);
  }
  return bytes;
}
