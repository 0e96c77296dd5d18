/**
 * Why this server refused a handshake. A browser's WebSocket API reports a
 * refused handshake only as `error` and close 1006, never its HTTP status
 * (by design: it would let a page probe servers it cannot otherwise read),
 * so after a socket to the page's own server fails before `open`, the page
 * asks again with a plain GET of the same URL, which this server answers
 * with the same status and body as the handshake (`?status`, a malformed
 * behaviour, a refused origin). Browser-safe.
 *
 * @module
 */

import type { Connection } from "./connection.ts";

/** Characters of a refusal's body kept; this server's are one line. */
const MAX_BODY_CHARS = 500;

/** What the server answered a plain GET of a refused handshake's URL. */
export interface Refusal {
  status: number;
  /** The reason phrase, "" when the server sent none. */
  statusText: string;
  /** The body as text, trimmed. */
  body: string;
}

/**
 * The plain HTTP request that answers what a refused handshake to `url`
 * said, `ws:` → `http:` and `wss:` → `https:`; `null` for a URL on another
 * origin than `origin` (the page's), whose refusal this page cannot read.
 *
 * @param echoPath the echo path that answers a plain GET with the refusal:
 *   `/` answers only `?status` so, and serves the page for anything else it
 *   would refuse (a malformed behaviour, a foreign origin)
 */
export function refusalUrl(
  url: string,
  origin: string,
  echoPath = "/api/ws",
): string | null {
  const parsed = parseUrl(url);
  if (!parsed) return null;
  parsed.protocol = parsed.protocol === "wss:" ? "https:" : "http:";
  if (parsed.pathname === "/") parsed.pathname = echoPath;
  return parsed.origin === origin ? parsed.href : null;
}

/**
 * Asks the page's own server what it answers for `url` without an upgrade.
 *
 * @param origin the page's origin, e.g. `location.origin`
 * @returns the refusal, or `null` when `url` is on another origin, the
 *   server cannot be reached, or it answers with no refusal (a success, or
 *   426, which says it would have upgraded)
 */
export async function fetchRefusal(
  url: string,
  origin: string,
  fetchFn: typeof fetch = fetch,
): Promise<Refusal | null> {
  const target = refusalUrl(url, origin);
  if (target === null) return null;
  let response: Response;
  try {
    response = await fetchFn(target, { cache: "no-store" });
  } catch {
    return null;
  }
  const body = (await response.text().catch(() => "")).trim();
  if (response.ok || response.status === 426) return null;
  return {
    status: response.status,
    statusText: response.statusText,
    body: body.length > MAX_BODY_CHARS
      ? `${body.slice(0, MAX_BODY_CHARS)}…`
      : body,
  };
}

/** The log's wording of a refusal. */
export function describeRefusal({ status, statusText, body }: Refusal): string {
  const line = statusText ? `${status} ${statusText}` : `${status}`;
  return `The server refused the handshake with HTTP ${line}` +
    (body ? `: ${body}` : "") +
    " (read with a plain GET of the same URL: the WebSocket API shows only" +
    " error and close 1006)";
}

/**
 * Notes in `connection`'s log why each socket to the page's own server
 * that closed before `open` was refused, the current one too when it did so
 * before the call (the page loads this module at its first connect). Each
 * URL is asked about once until a socket opens or the page connects anew: an
 * automatic reconnect to a URL that keeps refusing would otherwise fetch it
 * on every attempt, each fetch a console error, for the same answer; every
 * attempt is still explained.
 *
 * @returns a function that stops watching
 */
export function explainRefusals(
  connection: Connection,
  origin: string,
  fetchFn: typeof fetch = fetch,
): () => void {
  const asked = new Map<string, Promise<Refusal | null>>();
  const forget = () => asked.clear();
  const explain = () => {
    const { opened, url } = connection.snapshot;
    if (opened) return;
    let answer = asked.get(url);
    if (!answer) {
      answer = fetchRefusal(url, origin, fetchFn);
      asked.set(url, answer);
    }
    answer.then((refusal) => {
      if (refusal) connection.note(describeRefusal(refusal));
    });
  };
  const removers = [
    connection.addListener("connect", forget),
    connection.addListener("open", forget),
    connection.addListener("close", explain),
  ];
  // A socket whose close came before this call, while the module loaded.
  if (connection.snapshot.readyState === 3) explain();
  return () => removers.forEach((remove) => remove());
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
