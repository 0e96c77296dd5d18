/**
 * The client's model of what a WebSocket did: log entries and their wording.
 * Browser-safe and free of Preact, so tests drive it directly.
 *
 * @module
 */

import type { ReadAs } from "./read_as.ts";

/** `WebSocket.readyState` values by number, as the WebSocket API names them. */
export const READY_STATE_NAMES = [
  "CONNECTING",
  "OPEN",
  "CLOSING",
  "CLOSED",
] as const;

/** What happened: a WebSocket event, a send, a readyState change, a note or a script step. */
export type EntryKind =
  | "state"
  | "open"
  | "message"
  | "error"
  | "close"
  | "send"
  | "info"
  | "step";

/** Every kind, in the order the log's filter lists them. */
export const ENTRY_KINDS: readonly EntryKind[] = [
  "state",
  "open",
  "send",
  "message",
  "close",
  "error",
  "info",
  "step",
];

/** One line of the log. */
export interface LogEntry {
  /** Increasing, for keys and for matching. */
  id: number;
  /** `Date.now()` when it happened. */
  time: number;
  kind: EntryKind;
  /** `in` from the server, `out` from this page, `none` for state changes. */
  direction: "in" | "out" | "none";
  /** Payload size in bytes, for messages and sends. */
  size?: number;
  /** Text payload, or the detail of a state change. */
  text?: string;
  /** Binary payload. */
  bytes?: Uint8Array;
  /** How a binary message sent in a format reads, e.g. `msgpack`. */
  readAs?: ReadAs;
  /** Round-trip time in ms, for an echo matched to its send. */
  rtt?: number;
  /** The sequence number of a message the server pushed (`?push`). */
  push?: number;
  /**
   * Where a message that is no echo came from (`?room`): another member
   * (`room`) or the server telling who joined or left (`presence`).
   */
  origin?: "room" | "presence";
  /** The readyState entered, for state entries; `text` says what caused it. */
  state?: 0 | 1 | 2 | 3;
  /** Close code, reason and `wasClean`, for close entries. */
  close?: { code: number; reason: string; wasClean: boolean };
  /** A script step's result, for step entries; `text` says it in one line. */
  step?: { path: string; passed: boolean; ms: number };
}

/** Names of close codes from RFC 6455 §7.4.1 and the IANA registry. */
const CLOSE_CODE_NAMES: Record<number, string> = {
  1000: "Normal Closure",
  1001: "Going Away",
  1002: "Protocol Error",
  1003: "Unsupported Data",
  1005: "No Status Received",
  1006: "Abnormal Closure",
  1007: "Invalid Payload Data",
  1008: "Policy Violation",
  1009: "Message Too Big",
  1010: "Mandatory Extension",
  1011: "Internal Error",
  1012: "Service Restart",
  1013: "Try Again Later",
  1014: "Bad Gateway",
  1015: "TLS Handshake",
};

/** `1009` → `"1009 Message Too Big"`. */
export function describeCloseCode(code: number): string {
  const name = CLOSE_CODE_NAMES[code] ??
    (code >= 4000 && code <= 4999 ? "Application" : undefined);
  return name ? `${code} ${name}` : String(code);
}

/** `14:03:07.042` in local time. */
export function formatTime(time: number): string {
  const d = new Date(time);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${
    pad(d.getMilliseconds(), 3)
  }`;
}

/**
 * Checks a close code the page may send: `WebSocket.close` accepts only 1000
 * and 3000-4999, and a reason of at most 123 bytes of UTF-8.
 *
 * @returns an error message, or `null` when the values are acceptable
 */
export function validateClose(code: string, reason: string): string | null {
  if (code.trim() !== "") {
    const n = Number(code);
    if (!Number.isInteger(n) || (n !== 1000 && (n < 3000 || n > 4999))) {
      return `Close code "${code}" is not allowed; use 1000 or 3000-4999`;
    }
  }
  if (new TextEncoder().encode(reason).length > 123) {
    return "Close reason is longer than 123 bytes";
  }
  return null;
}

/**
 * Parses a comma-separated subprotocol list typed by the user.
 *
 * @returns the tokens, or an error message when one is not a valid token
 */
export function parseProtocolList(text: string): string[] | string {
  const items = text.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = items.find((item) =>
    !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(item)
  );
  return bad === undefined ? items : `"${bad}" is not a valid subprotocol name`;
}

/** The page's own echo endpoint: `ws:` on http, `wss:` on https. */
export function defaultSocketUrl(location: { protocol: string; host: string }) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/api/ws`;
}

/** A close entry's detail: `code 1000 Normal Closure, reason "x", wasClean true`. */
export function describeClose(
  close: { code: number; reason: string; wasClean: boolean },
): string {
  const reason = close.reason ? `"${close.reason}"` : "(none)";
  return `code ${
    describeCloseCode(close.code)
  }, reason ${reason}, wasClean ${close.wasClean}`;
}

/**
 * What Copy puts on the clipboard for an entry: the message itself (text
 * as is, binary as hex pairs the composer accepts back), or the detail of a
 * state change, close or note.
 */
export function entryText(entry: LogEntry): string {
  if (entry.close) return describeClose(entry.close);
  if (entry.bytes) {
    return Array.from(entry.bytes, (b) => b.toString(16).padStart(2, "0"))
      .join(" ");
  }
  if (entry.state !== undefined) {
    return `${entry.state} ${READY_STATE_NAMES[entry.state]} · ${entry.text}`;
  }
  return entry.text ?? "";
}
