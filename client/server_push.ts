/**
 * Messages the echo server sends of its own with `?push=MS`: JSON text
 * `{"push":SEQ,"time":"ISO-8601"}`, SEQ counting from 1. They answer no send,
 * so the client labels them and keeps them out of round-trip matching.
 * Browser-safe.
 *
 * @module
 */

/**
 * Whether a connection to `url` asks the server to push: only then is a
 * message that looks like a push taken for one, so an echo of text that
 * happens to look the same is never mistaken for it.
 */
export function asksForPushes(url: string): boolean {
  try {
    return new URL(url).searchParams.has("push");
  } catch {
    return false;
  }
}

/**
 * The sequence number of a push in `text`.
 *
 * @returns it, or `null` when `text` is not a push
 */
export function pushSequence(text: string): number | null {
  // Cheap test first: most messages are not JSON objects with this key.
  if (!text.startsWith('{"push":')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const { push, time } = value as Record<string, unknown>;
  return Number.isSafeInteger(push) && (push as number) >= 1 &&
      typeof time === "string"
    ? push as number
    : null;
}
