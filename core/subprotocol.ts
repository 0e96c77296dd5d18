/**
 * Parsing and selection of `Sec-WebSocket-Protocol` (RFC 6455 §4.1, §11.3.4).
 *
 * @module
 */

/** RFC 7230 `token`: what each offered subprotocol must be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Splits a `Sec-WebSocket-Protocol` header into its tokens.
 *
 * Several header lines arrive joined by ", " (Fetch's header combining), so
 * one parser covers both forms.
 *
 * @returns the offered tokens in order, or `null` when the header is not a
 * comma-separated list of tokens
 */
export function parseSubprotocols(header: string): string[] | null {
  const offered = header.split(",").map((item) => item.trim());
  return offered.every((item) => TOKEN.test(item)) ? offered : null;
}

/**
 * Chooses the subprotocol to answer with.
 *
 * With no configured list the server mirrors the client's first choice, so a
 * client that insists on `graphql-ws` or `mqtt` can still test against it.
 * It never selects a protocol the client did not offer (RFC 6455 §4.2.2).
 *
 * @param offered tokens from the client, in its order of preference
 * @param supported the configured list, or `null` to mirror the client
 * @returns the chosen protocol, or `undefined` for none
 */
export function selectSubprotocol(
  offered: readonly string[],
  supported: readonly string[] | null,
): string | undefined {
  if (supported === null) return offered[0];
  return offered.find((protocol) => supported.includes(protocol));
}
