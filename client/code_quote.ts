/**
 * Literals for generated programs: strings and bytes written so that the
 * program, run as it is, sends exactly the bytes the page sent. Quotes,
 * backslashes and line breaks are escaped; so is every invisible or
 * direction-changing character, so that what a reader sees in the code is
 * what it sends (a bidi override could make the code read otherwise).
 * Browser-safe.
 *
 * @module
 */

/** Characters written as escapes: controls, format, private and unassigned ones, line and paragraph separators. */
const INVISIBLE = /[\p{C}\p{Zl}\p{Zp}]/gu;

/** A lone surrogate, which no UTF-8 text can hold. */
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` as `WebSocket.send()` puts it on the wire: a lone surrogate becomes
 * U+FFFD, as the API converts a string to a USVString before encoding it.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}

const SHORT_ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  '"': '\\"',
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, "0");
}

/** A JavaScript string literal in double quotes. */
export function jsString(text: string): string {
  const body = wellFormed(text)
    .replace(/[\\"\n\r\t]/g, (c) => SHORT_ESCAPES[c])
    .replace(INVISIBLE, (c) => {
      const code = c.codePointAt(0)!;
      return code > 0xffff ? `\\u{${hex(code, 0)}}` : `\\u${hex(code, 4)}`;
    });
  return `"${body}"`;
}

/** A Python `str` literal in double quotes. */
export function pyString(text: string): string {
  const body = wellFormed(text)
    .replace(/[\\"\n\r\t]/g, (c) => SHORT_ESCAPES[c])
    .replace(INVISIBLE, (c) => {
      const code = c.codePointAt(0)!;
      return code < 0x100
        ? `\\x${hex(code, 2)}`
        : code > 0xffff
        ? `\\U${hex(code, 8)}`
        : `\\u${hex(code, 4)}`;
    });
  return `"${body}"`;
}

/** A Python `bytes` literal, every byte as `\xNN`. */
export function pyBytes(bytes: Uint8Array): string {
  return `b"${Array.from(bytes, (b) => `\\x${hex(b, 2)}`).join("")}"`;
}

/** Bytes as a JavaScript array's items: `0x00, 0xff`. */
export function jsByteList(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => `0x${hex(b, 2)}`).join(", ");
}

/**
 * One shell word that the shell reads back as exactly `text`: in single
 * quotes, which keep every character as it is but `'` itself, written `'\''`
 * (close, escaped quote, reopen). Text with an invisible character other
 * than a line break or a tab is written `$'...'` instead (bash, zsh, ksh),
 * that character as its UTF-8 bytes in `\xNN` escapes, which mean the same
 * bytes in every locale. A NUL cannot be in an argument; callers leave such
 * text out.
 */
export function shellQuote(text: string): string {
  const clean = wellFormed(text);
  if (![...clean.matchAll(INVISIBLE)].some(([c]) => c !== "\n" && c !== "\t")) {
    return `'${clean.replaceAll("'", "'\\''")}'`;
  }
  const encoder = new TextEncoder();
  const body = clean.replace(/[\\']/g, (c) => `\\${c}`).replace(
    INVISIBLE,
    (c) => Array.from(encoder.encode(c), (b) => `\\x${hex(b, 2)}`).join(""),
  );
  return `$'${body}'`;
}

/**
 * A `printf` format that writes exactly `bytes`, each as an octal escape
 * (POSIX printf knows `\NNN`; `\xNN` is a bash extension).
 */
export function printfBytes(bytes: Uint8Array): string {
  return `'${
    Array.from(bytes, (b) => `\\${b.toString(8).padStart(3, "0")}`).join("")
  }'`;
}

/** Text for a comment line: one line, whatever the user typed. */
export function commentText(text: string): string {
  return wellFormed(text).replace(INVISIBLE, (c) => jsString(c).slice(1, -1));
}
