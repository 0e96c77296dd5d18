/**
 * The report `?handshake=1` asks for: the opening request as the server saw
 * it, sent as the first message. Framework-free.
 *
 * @module
 */

/**
 * Headers whose values are credentials. Any page, on any origin, can open a
 * WebSocket here with the visitor's cookies for this host, and WebSockets
 * are not guarded by CORS: echoing these values would hand them to it.
 */
const CREDENTIAL_HEADERS = new Set([
  "cookie",
  "authorization",
  "proxy-authorization",
]);

/**
 * Describes an opening request as JSON text: method, path with query, the
 * headers (names lower-cased; credentials replaced by a note of their
 * length), the remote address and the selected subprotocol ("" for none).
 *
 * Headers come in the order Deno presents them, which is sorted by name as
 * the Fetch standard's `Headers` iterate; Deno keeps no other order.
 */
export function handshakeReport(
  request: Request,
  remote: string | null,
  protocol: string,
): string {
  const url = new URL(request.url);
  const headers: [string, string][] = [];
  for (const [name, value] of request.headers) {
    headers.push([
      name,
      CREDENTIAL_HEADERS.has(name) ? redacted(value) : value,
    ]);
  }
  return JSON.stringify({
    method: request.method,
    path: url.pathname + url.search,
    headers,
    remote: remote ?? "",
    protocol,
  });
}

function redacted(value: string): string {
  return `(hidden: ${value.length} characters)`;
}
