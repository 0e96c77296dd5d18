/**
 * Protobuf messages to and from the JSON form of client/value_form.ts, with
 * `@bufbuild/protobuf` (passes the Protobuf conformance suite, encodes by
 * reflection: no `Function()`, so the page's CSP allows it). The form is the
 * message with the schema's field names; every field the schema gives implicit
 * presence shows, default or not, so `{"x": 0}` matches a message that left
 * `x` out; 64-bit integers follow value_form's rule (a number while exact,
 * else `$bigint`), bytes are `$bytes`, enums their value's name. Fields the
 * schema does not name are kept as `"$unknown": [{"field": 9, "wireType": 2,
 * "data": "…"}]`, so a message read with the wrong type shows it. Loaded on
 * demand (client/formats.ts).
 *
 * @module
 */

import {
  create,
  type DescField,
  type DescMessage,
  fromBinary,
  fromJson,
  type JsonValue,
  toBinary,
} from "@bufbuild/protobuf";
import { encodeBase64 } from "./bytes.ts";
import { toForm, toHex } from "./value_form.ts";
import { FORM_RULES, fromForm } from "./value_form_read.ts";

export { parseProto, type ProtoSchema } from "./proto_schema.ts";

type Fields = Record<string, unknown>;

/**
 * The JSON form of `bytes` read as the message `desc`.
 *
 * @throws {SyntaxError} saying in one line why the bytes are not that message
 */
export function decodeProtobuf(desc: DescMessage, bytes: Uint8Array): unknown {
  let message;
  try {
    message = fromBinary(desc, bytes);
  } catch (error) {
    throw new SyntaxError(
      (error as Error).message.replace(
        /^cannot decode [\w.]+ from binary: /,
        "",
      ),
    );
  }
  return messageForm(desc, message as unknown as Fields);
}

/**
 * The bytes of the message `desc` that the JSON form `form` describes.
 *
 * @throws {TypeError} naming the field that does not fit the schema
 */
export function encodeProtobuf(
  desc: DescMessage,
  form: unknown,
): Uint8Array<ArrayBuffer> {
  // Proto3's JSON mapping takes 64-bit integers as strings and bytes as
  // base64; CBOR's rules admit every marker Protobuf can use.
  const json = protoJson(fromForm(form, FORM_RULES.cbor));
  let message;
  try {
    message = fromJson(desc, json as JsonValue);
  } catch (error) {
    throw new TypeError(jsonProblem((error as Error).message));
  }
  return toBinary(desc, create(desc, message)) as Uint8Array<ArrayBuffer>;
}

function protoJson(value: unknown): unknown {
  if (typeof value === "bigint") return String(value);
  if (typeof value === "number" && !Number.isFinite(value)) {
    return String(value);
  }
  if (value instanceof Uint8Array) return encodeBase64(value);
  if (Array.isArray(value)) return value.map(protoJson);
  if (value instanceof Map) {
    throw new TypeError(`"$map" is not in Protobuf; a map's keys are strings`);
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, protoJson(item)]),
    );
  }
  if (value === undefined) {
    throw new TypeError(`"$undefined" is not in Protobuf`);
  }
  return value;
}

function messageForm(desc: DescMessage, message: Fields): Fields {
  const out: Fields = {};
  for (const field of desc.fields) {
    let value: unknown;
    if (field.oneof) {
      const chosen = message[field.oneof.localName] as {
        case?: string;
        value?: unknown;
      };
      if (chosen.case !== field.localName) continue;
      value = chosen.value;
    } else value = message[field.localName];
    if (value === undefined) continue;
    out[field.name] = fieldForm(field, value);
  }
  const unknown = (message.$unknown ?? []) as {
    no: number;
    wireType: number;
    data: Uint8Array;
  }[];
  if (unknown.length > 0) {
    out.$unknown = unknown.map((u) => ({
      field: u.no,
      wireType: u.wireType,
      data: toHex(u.data),
    }));
  }
  return out;
}

function fieldForm(field: DescField, value: unknown): unknown {
  switch (field.fieldKind) {
    case "message":
      return messageForm(field.message, value as Fields);
    case "enum":
      return enumName(field.enum.values, value as number);
    case "list":
      return (value as unknown[]).map((item) =>
        field.listKind === "message"
          ? messageForm(field.message, item as Fields)
          : field.listKind === "enum"
          ? enumName(field.enum.values, item as number)
          : toForm(item)
      );
    case "map": {
      const out: Fields = {};
      for (const [key, item] of Object.entries(value as Fields)) {
        out[key] = field.mapKind === "message"
          ? messageForm(field.message, item as Fields)
          : field.mapKind === "enum"
          ? enumName(field.enum.values, item as number)
          : toForm(item);
      }
      return out;
    }
    default:
      return toForm(value);
  }
}

function enumName(
  values: readonly { number: number; name: string }[],
  n: number,
): string | number {
  return values.find((v) => v.number === n)?.name ?? n;
}

/** @bufbuild's words for a value that does not fit, made shorter. */
function jsonProblem(message: string): string {
  const unknown =
    /^cannot decode message ([\w.]+) from JSON: key "(.*)" is unknown$/
      .exec(message);
  if (unknown) return `"${unknown[2]}" is not a field of ${unknown[1]}`;
  return message.replace(
    /^cannot decode (?:field|message) ([\w.]+) from JSON: /,
    "$1: ",
  );
}
