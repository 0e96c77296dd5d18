/**
 * Encodes and decodes the binary formats off the main thread: a 16 MiB
 * message takes a second or more to decode and write as indented JSON, or
 * to parse and encode, which on the page's thread would freeze it. This
 * module is both the worker and its client: loaded with `import()` it is a
 * chunk of its own, whose URL (`import.meta.url`) the client starts as a
 * module worker, so the build needs no second entry and the worker loads
 * only this chunk and the codecs it asks for. Browser-safe.
 *
 * @module
 */

import {
  type BinaryFormat,
  decodeAs,
  encodeAs,
  type ProtoType,
} from "./formats.ts";

/** A request to the worker. */
type Request =
  | {
    op: "decode";
    format: BinaryFormat;
    bytes: Uint8Array;
    proto?: ProtoType;
    indent: number;
  }
  | { op: "encode"; format: BinaryFormat; text: string; proto?: ProtoType };

/** What a decode gives: the JSON form as text, or why it failed. */
export type Decoded = { text: string } | { error: string };

/** What an encode gives: the bytes, or why there are none. */
export type Encoded = { bytes: Uint8Array<ArrayBuffer> } | { error: string };

const NO_SCHEMA =
  'not read as Protobuf: there is no schema; paste one under "Protobuf schema"';

/**
 * The JSON form as text: indented by two spaces as the log shows it, or in
 * one line (`indent` 0) as an export writes it.
 */
export async function decodeToText(
  format: BinaryFormat,
  bytes: Uint8Array,
  proto?: ProtoType,
  indent = 2,
): Promise<Decoded> {
  if (format === "protobuf" && !proto?.schema.trim()) {
    return { error: NO_SCHEMA };
  }
  try {
    const form = await decodeAs(format, bytes, proto);
    return { text: JSON.stringify(form, null, indent) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The bytes of `text`, a JSON form, in `format`. */
export async function encodeText(
  format: BinaryFormat,
  text: string,
  proto?: ProtoType,
): Promise<Encoded> {
  try {
    return { bytes: await encodeAs(format, JSON.parse(text), proto) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function answer(request: Request): Promise<Decoded | Encoded> {
  return request.op === "decode"
    ? await decodeToText(
      request.format,
      request.bytes,
      request.proto,
      request.indent,
    )
    : await encodeText(request.format, request.text, request.proto);
}

const isWorker = typeof document === "undefined" &&
  typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !==
    "undefined";

if (isWorker) {
  globalThis.onmessage = async (
    event: MessageEvent<Request & { id: number }>,
  ) => {
    const result = await answer(event.data);
    // Encoded bytes move to the page rather than being copied.
    const moved = "bytes" in result ? [result.bytes.buffer] : [];
    postMessage({ id: event.data.id, ...result }, { transfer: moved });
  };
}

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, (result: Decoded | Encoded) => void>();

function ask(request: Request): Promise<Decoded | Encoded> {
  if (!worker) {
    worker = new Worker(import.meta.url, { type: "module" });
    worker.onmessage = (event: MessageEvent<{ id: number }>) => {
      const { id, ...result } = event.data;
      waiting.get(id)?.(result as Decoded | Encoded);
      waiting.delete(id);
    };
    worker.onerror = (event) => {
      // The worker failed to load: every pending request says so.
      event.preventDefault();
      for (const done of waiting.values()) {
        done({ error: `the codec worker did not start: ${event.message}` });
      }
      waiting.clear();
      worker = undefined;
    };
  }
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    // The bytes are copied, not moved: the log keeps them.
    worker!.postMessage({ id, ...request });
  });
}

/** Decodes `bytes` in the page's codec worker, started on first use. */
export function decodeInWorker(
  format: BinaryFormat,
  bytes: Uint8Array,
  proto?: ProtoType,
  indent = 2,
): Promise<Decoded> {
  return ask({ op: "decode", format, bytes, proto, indent }) as Promise<
    Decoded
  >;
}

/** Parses and encodes a JSON draft in the page's codec worker. */
export function encodeInWorker(
  format: BinaryFormat,
  text: string,
  proto?: ProtoType,
): Promise<Encoded> {
  return ask({ op: "encode", format, text, proto }) as Promise<Encoded>;
}
