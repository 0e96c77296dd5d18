/**
 * CBOR (RFC 8949) to and from the JSON form of client/value_form.ts, with
 * `cbor2`, the successor of node-cbor by one of CBOR's long-time
 * implementers: pure ESM, keeps any tag it does not know as a `Tag`, maps
 * with other keys as `Map`, integers past 2^53 as bigints, and writes each
 * float in the shortest form that keeps it (half precision where exact).
 * Loaded on demand (client/formats.ts).
 *
 * @module
 */

import {
  decode,
  type DecodeOptions,
  encode,
  type ITag,
  Simple,
  Tag,
  type TagDecoder,
} from "cbor2";
import { plural, toForm } from "./value_form.ts";
import { FORM_RULES, fromForm } from "./value_form_read.ts";

/** Tag 2 and 3 (RFC 8949 §3.4.3) are integers; no other tag is read. */
function bignum(negative: boolean): TagDecoder {
  return (tag: ITag): unknown => {
    const bytes = tag.contents;
    if (!(bytes instanceof Uint8Array)) return new Tag(tag.tag, bytes);
    let n = 0n;
    for (const byte of bytes) n = (n << 8n) | BigInt(byte);
    return negative ? -1n - n : n;
  };
}

const OPTIONS: DecodeOptions = {
  // Dates, URLs, regular expressions and the rest stay tags: a reader sees
  // the tag number and what the bytes hold, not a guess at their meaning.
  ignoreGlobalTags: true,
  tags: new Map([[2, bignum(false)], [3, bignum(true)]] as const),
};

function special(value: object, inner: (child: unknown) => unknown): unknown {
  if (value instanceof Tag) {
    return { $tag: inner(value.tag), value: inner(value.contents) };
  }
  if (value instanceof Simple) return { $simple: value.value };
  return undefined;
}

/**
 * The JSON form of the one CBOR data item that is all of `bytes`.
 *
 * @throws {SyntaxError} saying in one line why the bytes are not CBOR
 */
export function decodeCbor(bytes: Uint8Array): unknown {
  let value: unknown;
  try {
    value = decode(bytes, OPTIONS);
  } catch (error) {
    throw new SyntaxError(decodeProblem(error as Error, bytes));
  }
  return toForm(value, special);
}

/**
 * CBOR for a JSON form.
 *
 * @throws {TypeError} when a marker is malformed
 */
export function encodeCbor(form: unknown): Uint8Array<ArrayBuffer> {
  const value = fromForm(form, FORM_RULES.cbor, {
    tag: (tag, contents) => new Tag(tag, contents),
    simple: (n) => new Simple(n),
  });
  return new Uint8Array(encode(value)) as Uint8Array<ArrayBuffer>;
}

/** cbor2's error as one plain line. */
function decodeProblem(error: Error, bytes: Uint8Array): string {
  if (bytes.length === 0) return "the message is empty";
  if (error instanceof RangeError) {
    return `the data ends inside a data item (${plural(bytes.length)})`;
  }
  if (error.message === "Extra data in input") {
    return "more bytes follow the first data item";
  }
  // TextDecoder's words: Deno's, then Chromium's.
  if (/encoded data (is|was) not valid/.test(error.message)) {
    return "a text string is not valid UTF-8";
  }
  return error.message;
}
