/**
 * Where the Code view's session comes from: what the page did on its
 * socket, or the script in the editor. Either becomes a
 * {@linkcode CodeSession}, kept short enough to read and to paste (the
 * first messages within {@linkcode CODE_LIMITS}), with a note of what was
 * left out. Browser-safe.
 *
 * @module
 */

import {
  type CloseRequest,
  isFormatPayload,
  type Script,
  type Step,
} from "./script.ts";
import { sendData } from "./send_payload.ts";
import type { CapturedSession } from "./send_capture.ts";
import type { CodeSession } from "./session_code.ts";

/** How much of a session a program holds. */
export const CODE_LIMITS = {
  /** Most messages. @default {100} */
  maxMessages: 100,
  /** Most bytes of messages in all (UTF-8 for text). @default {65536} */
  maxBytes: 65_536,
} as const;

/**
 * `url` made absolute against the page's `base`, with `http(s):` turned
 * into `ws(s):` as `new WebSocket()` does.
 */
export function absoluteSocketUrl(url: string, base: string): string {
  try {
    const absolute = new URL(url, base);
    absolute.protocol = absolute.protocol.replace(/^http/, "ws");
    return absolute.href;
  } catch {
    return url;
  }
}

function size(message: string | Uint8Array): number {
  return typeof message === "string"
    ? new TextEncoder().encode(message).length
    : message.length;
}

/** The first messages within the limits, and a note when some are left out. */
function fit(messages: readonly (string | Uint8Array)[], total: number) {
  const kept: (string | Uint8Array)[] = [];
  let bytes = 0;
  for (const message of messages) {
    if (kept.length === CODE_LIMITS.maxMessages) break;
    bytes += size(message);
    if (bytes > CODE_LIMITS.maxBytes) break;
    kept.push(message);
  }
  const notes = kept.length < total
    ? [`The first ${kept.length} of ${total} messages sent are here.`]
    : [];
  return { messages: kept, notes };
}

/** A program's session from what the page did on its socket. */
export function sessionFromCapture(
  captured: CapturedSession,
  base: string,
): CodeSession {
  const { messages, notes } = fit(captured.messages, captured.sent);
  return {
    url: absoluteSocketUrl(captured.url, base),
    protocols: captured.protocols,
    messages,
    ...captured.close ? { close: captured.close } : {},
    notes,
  };
}

/** Most sends walked in a script: repeats can multiply to far more. */
const WALK_LIMIT = 100_000;

/**
 * A program's session from a parsed script: its sends in order, repeats
 * unrolled, up to its first `close`. Waits and expectations are not code:
 * the program prints what comes back instead of checking it.
 *
 * @throws {TypeError} for a script with `connections`: a program here holds
 *   one socket
 */
export function sessionFromScript(
  script: Script,
  fallbackUrl: string,
  base: string,
): CodeSession {
  if (script.connections) {
    throw new TypeError(
      `this script has ${
        Object.keys(script.connections).length
      } connections; code is written for a script with one url`,
    );
  }
  const sends: (string | Uint8Array)[] = [];
  let close: CloseRequest | undefined;
  let cut = false;
  let formats = 0;
  const walk = (steps: readonly Step[]): boolean => {
    for (const step of steps) {
      if ("close" in step) {
        close = step.close;
        return false;
      }
      // Encoding a format loads its codec, which this walk cannot wait for.
      const payload = "send" in step ? step.send : undefined;
      if (isFormatPayload(payload)) formats++;
      else if (payload !== undefined) {
        if (sends.length === WALK_LIMIT) {
          cut = true;
          return false;
        }
        sends.push(sendData(payload));
      }
      if ("repeat" in step) {
        const repeat = step.repeat;
        const rounds = "times" in repeat
          ? repeat.times
          : Math.ceil(repeat.forMs / repeat.everyMs);
        for (let i = 0; i < rounds; i++) if (!walk(repeat.steps)) return false;
      }
    }
    return true;
  };
  walk(script.steps);
  const { messages, notes } = fit(sends, sends.length);
  // Past the walk's limit the total is not known, only that there is more.
  if (cut) {
    notes.splice(0, 1, `The first ${messages.length} messages are here.`);
  }
  if (formats > 0) {
    notes.push(
      `${formats} ${
        formats === 1 ? "send" : "sends"
      } in MessagePack, CBOR or Protobuf left out.`,
    );
  }
  return {
    url: absoluteSocketUrl(script.url ?? fallbackUrl, base),
    protocols: script.protocols ?? [],
    messages,
    ...close ? { close } : {},
    notes,
  };
}
