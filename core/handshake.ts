/**
 * Validation of the WebSocket opening handshake (RFC 6455 §4.2.1), done before
 * `Deno.upgradeWebSocket`, which accepts some requests the RFC says a server
 * must refuse and throws on others.
 *
 * @module
 */

import { parseSubprotocols } from "./subprotocol.ts";

/** Why a handshake was refused: an HTTP status, a plain reason, headers. */
export interface Rejection {
  status: number;
  /** Short label for metrics, e.g. `bad_key`. */
  kind: string;
  /** One plain sentence for the client. */
  reason: string;
  headers?: Record<string, string>;
}

/** A handshake that passed validation. */
export interface Handshake {
  /** Subprotocols the client offered, in order. */
  offered: string[];
  /** The `Origin` header, when a browser sent one. */
  origin: string | null;
}

/** True when a comma-separated header contains `token`, case-insensitively. */
function headerHasToken(value: string | null, token: string): boolean {
  if (value === null) return false;
  return value.split(",").some((item) => item.trim().toLowerCase() === token);
}

/** True when the request asks for a WebSocket upgrade at all. */
export function isUpgradeRequest(request: Request): boolean {
  return headerHasToken(request.headers.get("upgrade"), "websocket");
}

/** The RFC 6455 version this server speaks (§4.4). */
const WEBSOCKET_VERSION = "13";

/**
 * Checks every part of a WebSocket opening handshake.
 *
 * @returns the parsed handshake, or the rejection to answer with
 */
export function validateHandshake(request: Request): Handshake | Rejection {
  const headers = request.headers;
  if (request.method !== "GET") {
    return {
      status: 405,
      kind: "method",
      reason: `A WebSocket handshake must use GET, not ${request.method}`,
      headers: { Allow: "GET" },
    };
  }
  if (!headers.get("host")) {
    return bad("host", "The Host header is missing");
  }
  if (!headerHasToken(headers.get("connection"), "upgrade")) {
    return bad("connection", 'The Connection header must include "Upgrade"');
  }
  const version = headers.get("sec-websocket-version");
  if (version?.trim() !== WEBSOCKET_VERSION) {
    return {
      status: version === null ? 400 : 426,
      kind: "version",
      reason: version === null
        ? "The Sec-WebSocket-Version header is missing; this server speaks 13"
        : `Sec-WebSocket-Version ${
          JSON.stringify(version)
        } is not supported; this server speaks 13`,
      headers: { "Sec-WebSocket-Version": WEBSOCKET_VERSION },
    };
  }
  if (!isValidKey(headers.get("sec-websocket-key"))) {
    return bad(
      "key",
      "Sec-WebSocket-Key must be the base64 encoding of 16 bytes",
    );
  }
  const protocolHeader = headers.get("sec-websocket-protocol");
  const offered = protocolHeader === null
    ? []
    : parseSubprotocols(protocolHeader);
  if (offered === null) {
    return bad(
      "protocol",
      "Sec-WebSocket-Protocol must be a comma-separated list of tokens",
    );
  }
  return { offered, origin: headers.get("origin") };
}

/** True when `result` is a rejection rather than a valid handshake. */
export function isRejection(
  result: Handshake | Rejection,
): result is Rejection {
  return "status" in result;
}

/** Base64 of 16 bytes is 22 characters and `==` (RFC 6455 §4.1, item 7). */
const KEY = /^[A-Za-z0-9+/]{21}[AQgw]==$/;

function isValidKey(key: string | null): boolean {
  return key !== null && KEY.test(key.trim());
}

function bad(kind: string, reason: string): Rejection {
  return { status: 400, kind, reason };
}
