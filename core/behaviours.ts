/**
 * Server behaviours on request: query parameters on an echo path that make
 * the server slow, refuse, close or talk first, so people can test how their
 * own client copes, the way httpbin does for HTTP. Parsed once per handshake;
 * a connection without them stays an exact echo and pays nothing per message.
 * Browser-safe, so the page's Server behaviour panel shares the names.
 *
 * @module
 */

import { invalidParam, QueryParams } from "./query_params.ts";

/** What a connection asked the server to do besides echoing. */
export interface Behaviours {
  /** Milliseconds each echo waits after its message arrived; 0 for none. */
  delayMs: number;
  /** HTTP status to refuse the handshake with, or `null`. */
  status: number | null;
  /** A close the server starts after `after` echoes, or `null`. */
  close: { code: number; reason: string; after: number } | null;
  /** Messages the server sends of its own every `everyMs`, or `null`. */
  push: { everyMs: number; count: number | null } | null;
  /** Whether the first message reports the opening request. */
  handshake: boolean;
}

/** Every query parameter that asks for a behaviour. */
export const BEHAVIOUR_PARAMS = [
  "delay",
  "status",
  "close",
  "reason",
  "after",
  "push",
  "count",
  "handshake",
] as const;

/** The largest close reason a close frame can carry (RFC 6455 §5.5). */
export const MAX_REASON_BYTES = 123;

/** A close code the server may be asked to send, as the README lists them. */
export function isRequestableCloseCode(code: number): boolean {
  // 1004-1006 and 1015 are reserved and never sent (RFC 6455 §7.4.1). 1014
  // is legal but Deno 2.9's WebSocket library drops a close frame with it,
  // leaving the socket stuck in CLOSING, so it is refused rather than lied
  // about.
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1013) ||
    (code >= 3000 && code <= 4999);
}

const CLOSE_CODES_FORM = "a close code 1000-1003, 1007-1013 or 3000-4999";

/** Options of {@linkcode parseBehaviours}. */
export interface ParseBehavioursOptions {
  /** False when `TEST_CONTROLS=false`: any behaviour is refused. */
  enabled: boolean;
}

/**
 * Reads the behaviours a request URL asks for. Unknown parameters are
 * ignored, since clients add tokens and cache busters.
 *
 * @param url the request URL, absolute
 * @returns the behaviours, or `null` when the URL asks for none
 * @throws {RangeError} naming the parameter, the value and the accepted form,
 *   or saying that behaviours are turned off
 */
export function parseBehaviours(
  url: string,
  options: ParseBehavioursOptions,
): Behaviours | null {
  const params = QueryParams.read(
    url,
    BEHAVIOUR_PARAMS,
    options.enabled
      ? null
      : "Server behaviours are turned off here (TEST_CONTROLS=false)",
  );
  if (params === null) return null;
  const one = (name: string) => params.one(name);
  const requires = (name: string, owner: string) =>
    params.requires(name, owner);
  requires("reason", "close");
  requires("after", "close");
  requires("count", "push");

  const closeCode = integer(
    "close",
    one("close"),
    1000,
    4999,
    CLOSE_CODES_FORM,
  );
  if (closeCode !== null && !isRequestableCloseCode(closeCode)) {
    throw invalidParam("close", String(closeCode), CLOSE_CODES_FORM);
  }
  const reason = one("reason") ?? "";
  // Once per handshake, and short: encoding it costs nothing worth saving.
  if (new TextEncoder().encode(reason).length > MAX_REASON_BYTES) {
    throw invalidParam(
      "reason",
      reason.length > 40 ? `${reason.slice(0, 40)}…` : reason,
      `text of at most ${MAX_REASON_BYTES} UTF-8 bytes`,
    );
  }
  const pushMs = integer("push", one("push"), 10, 60_000);
  const handshake = one("handshake");
  if (handshake !== null && handshake !== "1") {
    throw invalidParam("handshake", handshake, "1");
  }
  return {
    delayMs: integer("delay", one("delay"), 0, 60_000) ?? 0,
    status: integer("status", one("status"), 400, 599),
    close: closeCode === null ? null : {
      code: closeCode,
      reason,
      after: integer("after", one("after"), 0, 1_000_000) ?? 0,
    },
    push: pushMs === null
      ? null
      : { everyMs: pushMs, count: integer("count", one("count"), 1, 100_000) },
    handshake: handshake === "1",
  };
}

function integer(
  name: string,
  value: string | null,
  min: number,
  max: number,
  form = `an integer ${min}-${max}`,
): number | null {
  if (value === null) return null;
  const n = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw invalidParam(name, value, form);
  return n;
}
