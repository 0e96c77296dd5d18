/**
 * Plain TCP helpers for the raw clients: write everything, read an HTTP
 * response head, time out, close quietly.
 *
 * @module
 */

import { headEnd, parseHead, type ResponseHead } from "./frames.ts";

/** Sends an HTTP request as raw bytes and reads the response head. */
export async function exchangeHead(
  port: number,
  request: Uint8Array,
  timeoutMs = 10_000,
  hostname = "127.0.0.1",
): Promise<{ head: ResponseHead; rest: Uint8Array }> {
  const conn = await withTimeout(
    Deno.connect({ hostname, port }),
    timeoutMs,
    "TCP connect",
  );
  try {
    await writeAll(conn, request);
    return await withTimeout(
      readHead(conn),
      timeoutMs,
      "response",
      () => tryClose(conn),
    );
  } finally {
    tryClose(conn);
  }
}

/** Writes all of `bytes`; a TCP write may take only part of them. */
export async function writeAll(conn: Deno.Conn, bytes: Uint8Array) {
  let offset = 0;
  while (offset < bytes.length) {
    offset += await conn.write(bytes.subarray(offset));
  }
}

/** Reads an HTTP response head; returns it and the bytes after it. */
export async function readHead(
  conn: Deno.Conn,
): Promise<{ head: ResponseHead; rest: Uint8Array }> {
  let data = new Uint8Array(0);
  const buffer = new Uint8Array(4096);
  while (true) {
    const n = await conn.read(buffer);
    if (n === null) throw new Error("Connection closed before a response");
    const next = new Uint8Array(data.length + n);
    next.set(data);
    next.set(buffer.subarray(0, n), data.length);
    data = next;
    const end = headEnd(data);
    if (end >= 0) {
      const head = parseHead(new TextDecoder().decode(data.subarray(0, end)));
      return { head, rest: data.subarray(end) };
    }
    if (data.length > 65_536) throw new Error("Response head too long");
  }
}

/** Rejects when `promise` takes longer than `ms`, after `onTimeout`. */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
  onTimeout?: () => void,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error(`${what} timed out after ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Closes `conn`, ignoring that it may be closed already. */
export function tryClose(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // already closed
  }
}
