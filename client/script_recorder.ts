/**
 * Records a session as a script: what the user sends becomes `send` steps,
 * what comes back becomes exact expectations, ready to edit and run again.
 * Pure: the page feeds it what happened. Browser-safe.
 *
 * @module
 */

import type { Script, Step } from "./script.ts";

/** Where the recorded script connects. */
export interface RecorderOptions {
  url?: string;
  protocols?: string[];
}

/**
 * Builds a script from a session, step by step: text is sent as text and
 * expected with `equals`, binary as `hex`, the user's close as `close` and
 * the socket's close as `expectClose` with its code and reason.
 */
export class Recorder {
  #options: RecorderOptions;
  #steps: Step[] = [];

  constructor(options: RecorderOptions = {}) {
    this.#options = options;
  }

  /** The user sent `data`. */
  sent(data: string | Uint8Array): void {
    this.#steps.push({
      send: typeof data === "string" ? data : { hex: toHex(data) },
    });
  }

  /** A message came in. */
  received(data: string | Uint8Array): void {
    this.#steps.push({
      expect: typeof data === "string"
        ? { equals: data }
        : { hex: toHex(data) },
    });
  }

  /**
   * The user closed the connection. A code a page may not send (anything but
   * 1000 and 3000-4999) is left out, as `WebSocket.close()` would refuse it.
   */
  closing(code?: number, reason?: string): void {
    if (code === undefined || (code !== 1000 && (code < 3000 || code > 4999))) {
      this.#steps.push({ close: {} });
    } else {
      this.#steps.push({ close: reason ? { code, reason } : { code } });
    }
  }

  /** The connection closed with `code` and `reason`. */
  closed(code: number, reason: string): void {
    this.#steps.push({ expectClose: { code, reason } });
  }

  /** Steps recorded so far. */
  get size(): number {
    return this.#steps.length;
  }

  /** The script recorded so far, a copy. */
  script(): Script {
    const { url, protocols } = this.#options;
    const script: Script = { steps: structuredClone(this.#steps) };
    return {
      ...(url === undefined ? {} : { url }),
      ...(protocols?.length ? { protocols: [...protocols] } : {}),
      ...script,
    };
  }

  /** The script as the JSON file a person edits: two-space indents. */
  toJson(): string {
    return JSON.stringify(this.script(), null, 2) + "\n";
  }
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
