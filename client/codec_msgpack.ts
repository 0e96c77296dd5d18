/**
 * MessagePack to and from the JSON form of client/value_form.ts, with
 * `@msgpack/msgpack`, the MessagePack organisation's own implementation:
 * strict, no dependencies, 5.9 KB gzipped. Loaded on demand
 * (client/formats.ts), the first time the format is used.
 *
 * @module
 */

import { Decoder, Encoder, ExtData, ExtensionCodec } from "@msgpack/msgpack";
import { plural, toForm, toHex } from "./value_form.ts";
import { FORM_RULES, fromForm } from "./value_form_read.ts";

// The timestamp extension (-1) would become a Date, losing nanoseconds and
// saying nothing of its bytes: every extension shows as its type and data.
const extensions = new ExtensionCodec();
extensions.register({
  type: -1,
  encode: () => null,
  decode: (data) => new ExtData(-1, data),
});

// Map keys that are not strings (numbers, byte strings, …) would be made
// property names; they are kept as their JSON form behind a prefix that no
// decoded string key starts with, so the map shows as `$map`.
const KEY_MARK = "\u0000key:";

function mapKey(key: unknown): string {
  if (typeof key === "string" && !key.startsWith(KEY_MARK)) return key;
  return KEY_MARK + JSON.stringify(toForm(key, special));
}

const decoder = new Decoder({
  useBigInt64: true,
  extensionCodec: extensions,
  mapKeyConverter: mapKey,
});
const encoder = new Encoder({ useBigInt64: true, extensionCodec: extensions });

function special(value: object, inner: (child: unknown) => unknown): unknown {
  if (value instanceof ExtData) {
    const data = typeof value.data === "function" ? value.data(0) : value.data;
    return { $ext: value.type, data: toHex(data) };
  }
  const keys = Object.keys(value);
  if (!keys.some((key) => key.startsWith(KEY_MARK))) return undefined;
  const record = value as Record<string, unknown>;
  return {
    $map: keys.map((key) => [
      key.startsWith(KEY_MARK) ? JSON.parse(key.slice(KEY_MARK.length)) : key,
      inner(record[key]),
    ]),
  };
}

/**
 * The JSON form of one MessagePack value that is all of `bytes`.
 *
 * @throws {SyntaxError} saying in one line why the bytes are not MessagePack,
 *   e.g. `byte 0xc1 at offset 0 is never used`
 */
export function decodeMsgpack(bytes: Uint8Array): unknown {
  let value: unknown;
  try {
    value = decoder.decode(bytes);
  } catch (error) {
    throw new SyntaxError(decodeProblem(error as Error, bytes));
  }
  return toForm(value, special);
}

/**
 * MessagePack for a JSON form.
 *
 * @throws {TypeError} when a marker is malformed or MessagePack lacks it
 */
export function encodeMsgpack(form: unknown): Uint8Array<ArrayBuffer> {
  const value = fromForm(form, FORM_RULES.msgpack, {
    ext: (type, data) => new ExtData(type, data),
  });
  const bytes = encoder.encode(value);
  return new Uint8Array(bytes) as Uint8Array<ArrayBuffer>;
}

/** The library's error in the words of the issue: what, and where. */
function decodeProblem(error: Error, bytes: Uint8Array): string {
  // Decoder keeps its read position in a field TypeScript calls private.
  const pos = (decoder as unknown as { pos: number }).pos;
  const byte = /type byte: (0x[0-9a-f]+)/.exec(error.message)?.[1];
  if (byte) return `byte ${byte} at offset ${pos - 1} is never used`;
  const extra = /^Extra (\d+) of (\d+) byte\(s\) found at buffer\[(\d+)\]/
    .exec(error.message);
  if (extra) {
    return `one value ends at offset ${extra[3]} and ${extra[1]} more ${
      extra[1] === "1" ? "byte follows" : "bytes follow"
    }`;
  }
  if (bytes.length === 0) return "the message is empty";
  if (error instanceof RangeError) {
    return `the data ends inside a value (${plural(bytes.length)})`;
  }
  return error.message;
}
