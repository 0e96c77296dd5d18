/**
 * The server's report of an opening handshake: with `?handshake=1` the echo
 * server's first message is a JSON object describing the upgrade request it
 * received. Browser-safe.
 *
 * @module
 */

/** What the server saw of the opening handshake. */
export interface HandshakeReport {
  method: string;
  path: string;
  /** Request headers in the order received, names as sent. */
  headers: [string, string][];
  /** The peer's address as the server saw it. */
  remote: string;
  /** The subprotocol the server selected, "" for none. */
  protocol: string;
}

/**
 * Recognises a handshake report in a message's text.
 *
 * @returns the report, or `null` when the text is not one
 */
export function parseHandshakeReport(text: string): HandshakeReport | null {
  if (!text.startsWith("{")) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { method, path, headers, remote, protocol } = value as Record<
    string,
    unknown
  >;
  const isPair = (h: unknown) =>
    Array.isArray(h) && h.length === 2 &&
    typeof h[0] === "string" && typeof h[1] === "string";
  if (
    typeof method !== "string" || typeof path !== "string" ||
    typeof remote !== "string" || typeof protocol !== "string" ||
    !Array.isArray(headers) || !headers.every(isPair)
  ) {
    return null;
  }
  return { method, path, headers, remote, protocol };
}
