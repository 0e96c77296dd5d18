/**
 * A session as command lines for websocat and wscat. Neither can send all
 * that a program can (wscat sends no binary; websocat's line mode no line
 * break), so what a command leaves out is said in a comment above it, not
 * sent wrong. Each word is quoted for a POSIX shell. Browser-safe.
 *
 * @module
 */

import { printfBytes, shellQuote } from "./code_quote.ts";
import { type CodeSession, comments } from "./code_session.ts";

/** Whether websocat's line mode can carry `text` as one message. */
function fitsOneLine(text: string): boolean {
  // An empty message is websocat's own end-of-input signal; a line break
  // would split the message, and a final \r is stripped as part of \r\n.
  return text !== "" && !/[\n\0]|\r$/.test(text);
}

/** websocat commands that replay `session`. */
export function websocatCommands(session: CodeSession): string {
  const url = shellQuote(session.url);
  const options = [
    ...session.protocols.length
      ? ["--protocol", shellQuote(session.protocols.join(", "))]
      : [],
    "--close-status-code",
    String(session.close?.code ?? 1000),
    ...session.close?.reason
      ? ["--close-reason", shellQuote(session.close.reason)]
      : [],
  ].join(" ");
  const texts = session.messages.filter((m) => typeof m === "string");
  const lines = texts.filter(fitsOneLine);
  const binaries = session.messages.filter((m) => typeof m !== "string");
  const notes = [
    "websocat 1.x: one text message per line of input; each echo prints on",
    "a line of its own.",
    ...session.notes ?? [],
  ];
  if (lines.length < texts.length) {
    notes.push(
      `${
        texts.length - lines.length
      } text message(s) left out: websocat cannot send an empty one, or one with a line break, as a line.`,
    );
  }
  const commands = [];
  if (lines.length || !binaries.length) {
    const input = lines.length
      ? `printf '%s\\n' ${lines.map(shellQuote).join(" ")}`
      : "printf ''";
    commands.push(
      `${input} | websocat --linemode-strip-newlines ${options} ${url}`,
    );
  }
  if (binaries.length) {
    notes.push(
      "With --binary, websocat sends each read of its input as one message, so",
      "each binary message gets a connection of its own; xxd -p prints the",
      "echo as hex.",
    );
    for (const bytes of binaries) {
      commands.push(
        `printf ${
          printfBytes(bytes)
        } | websocat --binary ${options} ${url} | xxd -p`,
      );
    }
  }
  return `${comments("#", notes)}\n${commands.join("\n")}\n`;
}

/** A wscat command that replays `session`. */
export function wscatCommand(session: CodeSession): string {
  const texts = session.messages.filter((m) => typeof m === "string");
  const notes = [
    "wscat 6: -x sends each text message once connected, and wscat closes",
    "(without a code) after -w seconds; it prints each echo on a line.",
    ...session.notes ?? [],
  ];
  const binaries = session.messages.length - texts.length;
  if (binaries) {
    notes.push(
      `wscat sends text only: ${binaries} binary message(s) left out.`,
    );
  }
  // No command-line argument can hold a NUL.
  const sendable = texts.filter((t) => !t.includes("\0"));
  if (sendable.length < texts.length) {
    notes.push(
      `${
        texts.length - sendable.length
      } text message(s) with a NUL character left out: no argument can hold one.`,
    );
  }
  if (session.close?.code !== undefined) {
    notes.push(
      `wscat -x cannot choose the close code: to close with ${session.close.code}, run it with --slash instead of -x and type /close ${session.close.code}${
        session.close.reason ? ` ${session.close.reason}` : ""
      }`,
    );
  }
  const args = [
    "-c",
    shellQuote(session.url),
    ...session.protocols.flatMap((p) => ["-s", shellQuote(p)]),
    ...sendable.flatMap((t) => ["-x", shellQuote(t)]),
    ...sendable.length ? ["-w", "1"] : [],
  ];
  return `${comments("#", notes)}\nwscat ${args.join(" ")}\n`;
}
