/**
 * The binary formats the client encodes and decodes (MessagePack, CBOR,
 * Protobuf), each codec loaded with `import()` the first time its format is
 * used: the build makes each a chunk of its own, so none weighs on the first
 * load, and `deno task script` loads the same modules. Decoded values are
 * in the JSON form of client/value_form.ts. Browser-safe.
 *
 * @module
 */

import type * as Cbor from "./codec_cbor.ts";
import type * as Msgpack from "./codec_msgpack.ts";
import type * as Protobuf from "./codec_protobuf.ts";

/** A binary format the client can read and write. */
export type BinaryFormat = "msgpack" | "cbor" | "protobuf";

/** Every format, in the order menus list them. */
export const BINARY_FORMATS: readonly BinaryFormat[] = [
  "msgpack",
  "cbor",
  "protobuf",
];

/** Each format's name for people. */
export const FORMAT_NAMES: Record<BinaryFormat, string> = {
  msgpack: "MessagePack",
  cbor: "CBOR",
  protobuf: "Protobuf",
};

/** Which message of which schema a Protobuf value is. */
export interface ProtoType {
  /** The `.proto` source (proto3). */
  schema: string;
  /** A message's full name, or a short name only one message has. */
  type: string;
}

let msgpack: Promise<typeof Msgpack> | undefined;
let cbor: Promise<typeof Cbor> | undefined;
let protobuf: Promise<typeof Protobuf> | undefined;

/** MessagePack's codec, loaded once. */
export function loadMsgpack(): Promise<typeof Msgpack> {
  return msgpack ??= import("./codec_msgpack.ts");
}

/** CBOR's codec, loaded once. */
export function loadCbor(): Promise<typeof Cbor> {
  return cbor ??= import("./codec_cbor.ts");
}

/** Protobuf's schema parser and codec, loaded once. */
export function loadProtobuf(): Promise<typeof Protobuf> {
  return protobuf ??= import("./codec_protobuf.ts");
}

// The last schema parsed: the page and a script use one at a time.
let lastSchema: { source: string; parsed: Protobuf.ProtoSchema } | undefined;

/**
 * The schema `source` stands for.
 *
 * @throws {SyntaxError} `the schema does not parse: line 3: …`
 */
export async function loadSchema(
  source: string,
): Promise<Protobuf.ProtoSchema> {
  const codec = await loadProtobuf();
  if (lastSchema?.source === source) return lastSchema.parsed;
  try {
    const parsed = codec.parseProto(source);
    lastSchema = { source, parsed };
    return parsed;
  } catch (error) {
    throw new SyntaxError(
      `the schema does not parse: ${(error as Error).message}`,
    );
  }
}

/**
 * The JSON form of `bytes` read in `format`.
 *
 * @throws {SyntaxError} saying why in one line, naming the format:
 *   `not MessagePack: byte 0xc1 at offset 0 is never used`
 * @throws {TypeError} when `proto` names no message of its schema
 */
export async function decodeAs(
  format: BinaryFormat,
  bytes: Uint8Array,
  proto?: ProtoType,
): Promise<unknown> {
  if (format === "protobuf") {
    const desc = (await loadSchema(proto?.schema ?? "")).message(
      proto?.type ?? "",
    );
    const codec = await loadProtobuf();
    return failsAs(
      `Protobuf ${desc.typeName}`,
      () => codec.decodeProtobuf(desc, bytes),
    );
  }
  const decode = format === "msgpack"
    ? (await loadMsgpack()).decodeMsgpack
    : (await loadCbor()).decodeCbor;
  return failsAs(FORMAT_NAMES[format], () => decode(bytes));
}

/**
 * `form` encoded in `format`.
 *
 * @throws {TypeError} naming what in `form` the format cannot hold
 */
export async function encodeAs(
  format: BinaryFormat,
  form: unknown,
  proto?: ProtoType,
): Promise<Uint8Array<ArrayBuffer>> {
  if (format === "protobuf") {
    const desc = (await loadSchema(proto?.schema ?? "")).message(
      proto?.type ?? "",
    );
    return (await loadProtobuf()).encodeProtobuf(desc, form);
  }
  return format === "msgpack"
    ? (await loadMsgpack()).encodeMsgpack(form)
    : (await loadCbor()).encodeCbor(form);
}

function failsAs(name: string, decode: () => unknown): unknown {
  try {
    return decode();
  } catch (error) {
    // Codecs throw SyntaxError for bytes that are not the format; a value
    // too deep to show is value_form's RangeError.
    const what = error instanceof SyntaxError
      ? `not ${name}`
      : `cannot show it as ${name}`;
    throw new SyntaxError(`${what}: ${(error as Error).message}`);
  }
}
