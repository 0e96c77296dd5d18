/**
 * The session a generated program reproduces, and the comment lines every
 * program starts with. Shared by the program writers in session_code.ts
 * and shell_code.ts. Browser-safe.
 *
 * @module
 */

import { commentText } from "./code_quote.ts";

/** What a program reproduces. */
export interface CodeSession {
  /** An absolute `ws:` or `wss:` URL. */
  url: string;
  protocols: readonly string[];
  messages: readonly (string | Uint8Array)[];
  /** The close the page started; 1000 with no reason when absent. */
  close?: { code?: number; reason?: string };
  /** Lines said in a comment at the top, e.g. what was left out. */
  notes?: readonly string[];
}

/** How every program prints what comes back, as its header says. */
export const OUTPUT_FORMAT =
  'Each echo prints as "text: ...", "binary: <hex>", then "close: <code> <reason>".';

/** `lines` as comments after `prefix` (`//`, `#`), each on one line. */
export function comments(prefix: string, lines: readonly string[]): string {
  return lines.map((line) => `${prefix} ${commentText(line)}`.trimEnd())
    .join("\n");
}
