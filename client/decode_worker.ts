/**
 * Decodes log messages off the main thread: a 16 MiB message takes seconds
 * to decode and to write as indented JSON, which on the page's thread would
 * freeze it. This module is both the worker and its client: loaded with
 * `import()` it is a chunk of its own, whose URL (`import.meta.url`) the
 * client starts as a module worker, so the build needs no second entry and
 * the worker loads only this chunk and the codecs it asks for.
 * Browser-safe.
 *
 * @module
 */

import { type BinaryFormat, decodeAs, type ProtoType } from "./formats.ts";

/** A request to the worker. */
interface Request {
  id: number;
  format: BinaryFormat;
  bytes: Uint8Array;
  proto?: ProtoType;
  indent: number;
}

/** What a decode gives: the JSON form as indented text, or why it failed. */
export type Decoded = { text: string } | { error: string };

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
    return {
      error:
        "not read as Protobuf: there is no schema; add one under Send as Protobuf",
    };
  }
  try {
    return {
      text: JSON.stringify(
        await decodeAs(format, bytes, proto),
        null,
        indent,
      ),
    };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const isWorker = typeof document === "undefined" &&
  typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !==
    "undefined";

if (isWorker) {
  globalThis.onmessage = async (event: MessageEvent<Request>) => {
    const { id, format, bytes, proto, indent } = event.data;
    postMessage({ id, ...await decodeToText(format, bytes, proto, indent) });
  };
}

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, (decoded: Decoded) => void>();

/**
 * Decodes `bytes` in the page's decode worker, started on first use. The
 * bytes are copied, not moved: the log keeps them.
 */
export function decodeInWorker(
  format: BinaryFormat,
  bytes: Uint8Array,
  proto?: ProtoType,
  indent = 2,
): Promise<Decoded> {
  if (!worker) {
    worker = new Worker(import.meta.url, { type: "module" });
    worker.onmessage = (event: MessageEvent<Decoded & { id: number }>) => {
      const { id, ...decoded } = event.data;
      waiting.get(id)?.(decoded);
      waiting.delete(id);
    };
    worker.onerror = (event) => {
      // The worker failed to load: every pending decode says so.
      event.preventDefault();
      for (const done of waiting.values()) {
        done({ error: `the decoder did not start: ${event.message}` });
      }
      waiting.clear();
      worker = undefined;
    };
  }
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    const request: Request = { id, format, bytes, proto, indent };
    worker!.postMessage(request);
  });
}
