/**
 * MessagePack, CBOR and Protobuf in scripts: `{ "msgpack": V }`,
 * `{ "cbor": V }` and `{ "protobuf": { "type": "Point", "value": V } }` in a
 * `send` or an `expect`, with the schema as text in the script's `"proto"`.
 * Checking a script loads the codecs it uses and parses its schema, so an
 * unknown type or a schema that does not parse makes the file invalid
 * before anything is sent. Browser-safe.
 *
 * @module
 */

import {
  decodeAs,
  encodeAs,
  loadCbor,
  loadMsgpack,
  loadSchema,
} from "./formats.ts";
import {
  type Expectation,
  FORMAT_KINDS,
  formatOf,
  type FormatPayload,
  isFormatPayload,
  type Script,
  showFormat,
  showJson,
  type Step,
} from "./script.ts";
import { anyJson, object, onlyKeys, string } from "./script_fields.ts";
import { sendData, type SendPayload } from "./send_payload.ts";
import {
  checkMessage,
  jsonDiff,
  type Mismatch,
  showData,
} from "./script_match.ts";
import { FORM_RULES, fromForm } from "./value_form_read.ts";

/**
 * Checks the payload under `name` of `json`, as the parser does (no codec
 * is loaded): markers well formed, the format able to hold them.
 */
export function parseFormatPayload(
  json: Record<string, unknown>,
  name: (typeof FORMAT_KINDS)[number],
  path: string,
): FormatPayload {
  const at = `${path}.${name}`;
  if (name === "protobuf") {
    const proto = object(json.protobuf, at);
    onlyKeys(proto, at, ["type", "value"]);
    const type = string(proto.type, `${at}.type`);
    const value = anyJson(proto.value, `${at}.value`);
    fromForm(value, FORM_RULES.cbor, {}, `${at}.value`);
    return { protobuf: { type, value } };
  }
  const value = anyJson(json[name], at);
  fromForm(value, FORM_RULES[name], {}, at);
  return name === "msgpack" ? { msgpack: value } : { cbor: value };
}

/**
 * Makes ready what a checked script's formats need: loads their codecs,
 * parses `proto`, finds every Protobuf type and encodes every Protobuf value
 * to send, so a mistake there is the file's.
 *
 * @throws {SyntaxError} `proto: the schema does not parse: line 3: …`
 * @throws {TypeError} `steps[2].send.protobuf.type: "Pointt" is not a
 *   message in the schema; it has Point`
 */
export async function prepareScript(script: Script): Promise<void> {
  const uses = new Map<string, FormatPayload>();
  collect(script.steps, "steps", uses);
  const formats = new Set([...uses.values()].map((p) => formatOf(p).format));
  if (formats.has("msgpack")) await loadMsgpack();
  if (formats.has("cbor")) await loadCbor();
  if (!formats.has("protobuf")) return;
  const [first] = [...uses].find(([, p]) => "protobuf" in p)!;
  if (script.proto === undefined) {
    throw new TypeError(`${first}.protobuf: needs the script's "proto" schema`);
  }
  try {
    await loadSchema(script.proto);
  } catch (error) {
    throw new SyntaxError(`proto: ${(error as Error).message}`);
  }
  for (const [path, payload] of uses) {
    if (!("protobuf" in payload)) continue;
    const { type, value } = payload.protobuf;
    const schema = await loadSchema(script.proto);
    try {
      schema.message(type);
    } catch (error) {
      throw new TypeError(`${path}.protobuf.type: ${(error as Error).message}`);
    }
    if (!path.includes(".send")) continue;
    try {
      await encodeAs("protobuf", value, { schema: script.proto, type });
    } catch (error) {
      throw new TypeError(
        `${path}.protobuf.value: ${(error as Error).message}`,
      );
    }
  }
}

function collect(
  steps: Step[],
  path: string,
  uses: Map<string, FormatPayload>,
) {
  steps.forEach((step, i) => {
    const at = `${path}[${i}]`;
    if ("send" in step && isFormatPayload(step.send)) {
      uses.set(`${at}.send`, step.send);
    } else if ("expect" in step && isFormatPayload(step.expect)) {
      uses.set(`${at}.expect`, step.expect);
    } else if ("repeat" in step) {
      collect(step.repeat.steps, `${at}.repeat.steps`, uses);
    }
  });
}

/** The data a `send` step puts on the wire, encoding a format's value. */
export async function payloadData(
  payload: SendPayload | FormatPayload,
  proto?: string,
): Promise<string | Uint8Array> {
  if (!isFormatPayload(payload)) return sendData(payload);
  const { format, value, type } = formatOf(payload);
  return await encodeAs(format, value, {
    schema: proto ?? "",
    type: type ?? "",
  });
}

/** `null` when `data` meets `expect`, else how it differs (any expectation). */
export function checkExpectation(
  expect: Expectation,
  data: string | Uint8Array,
  proto?: string,
): Promise<Mismatch | null> | Mismatch | null {
  return isFormatPayload(expect)
    ? checkFormat(expect, data, proto)
    : checkMessage(expect, data);
}

/**
 * `null` when `data` is binary, decodes in the expectation's format and
 * contains its value (the subset rule of `json`), else how it differs.
 */
export async function checkFormat(
  expect: FormatPayload,
  data: string | Uint8Array,
  proto?: string,
): Promise<Mismatch | null> {
  const expected = showFormat(expect);
  const received = showData(data);
  if (typeof data === "string") {
    return { expected, received: `${received} (text, not binary)` };
  }
  const { format, value, type } = formatOf(expect);
  let decoded: unknown;
  try {
    decoded = await decodeAs(format, data, {
      schema: proto ?? "",
      type: type ?? "",
    });
  } catch (error) {
    return { expected, received: `${received} (${(error as Error).message})` };
  }
  const diff = jsonDiff(value, decoded);
  return diff.length === 0
    ? null
    : { expected, received: `${format} ${showJson(decoded)}`, diff };
}
