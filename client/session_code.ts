/**
 * A session as code: short programs that connect where the page did, send
 * the same messages in order, print every message that comes back until as
 * many came back as were sent (an echo server answers each), then close
 * with the same code and reason. One output format for all of them:
 *
 *     text: <the text as it is>
 *     binary: <the bytes in lowercase hex>
 *     close: <code> <reason>
 *
 * websocat and wscat print echoes their own way and cannot send everything;
 * their command lines say in a comment what they leave out. Browser-safe.
 *
 * @module
 */

import { jsByteList, jsString, pyBytes, pyString } from "./code_quote.ts";
import {
  type CodeSession,
  comments,
  OUTPUT_FORMAT as FORMAT,
} from "./code_session.ts";
import { websocatCommands, wscatCommand } from "./shell_code.ts";

export type { CodeSession } from "./code_session.ts";

/** A language or tool a session is written for. */
export type CodeTarget =
  | "browser"
  | "deno"
  | "node"
  | "python"
  | "websocat"
  | "wscat";

/** Every target with its label, in the order the page shows them. */
export const CODE_TARGETS: readonly { id: CodeTarget; label: string }[] = [
  { id: "browser", label: "Browser" },
  { id: "deno", label: "Deno" },
  { id: "node", label: "Node (ws)" },
  { id: "python", label: "Python (websockets)" },
  { id: "websocat", label: "websocat" },
  { id: "wscat", label: "wscat" },
];

/** The program for `target` that replays `session`. */
export function sessionCode(target: CodeTarget, session: CodeSession): string {
  switch (target) {
    case "browser":
      return jsProgram(session, [
        "Browser JavaScript: paste it into the console of a page served over",
        "http: (this one will do; an https: page may only open wss: URLs).",
      ]);
    case "deno":
      return jsProgram(session, [
        "Deno: save as echo.js and run",
        `deno run --allow-net=${new URL(session.url).host} echo.js`,
      ]);
    case "node":
      return nodeProgram(session);
    case "python":
      return pythonProgram(session);
    case "websocat":
      return websocatCommands(session);
    case "wscat":
      return wscatCommand(session);
  }
}

/** The close call's arguments, in any language with positional arguments. */
function closeArgs(session: CodeSession, quote: (s: string) => string) {
  const code = session.close?.code ?? 1000;
  const reason = session.close?.reason;
  return reason ? `${code}, ${quote(reason)}` : `${code}`;
}

function jsList(
  session: CodeSession,
  bytes: (list: string) => string,
  indent = "  ",
) {
  if (session.messages.length === 0) return "[]";
  const items = session.messages.map((m) =>
    `${indent}${typeof m === "string" ? jsString(m) : bytes(jsByteList(m))},`
  );
  return `[\n${items.join("\n")}\n]`;
}

function jsProtocols(session: CodeSession) {
  return session.protocols.length
    ? `, [${session.protocols.map(jsString).join(", ")}]`
    : "";
}

function jsProgram(session: CodeSession, header: string[]): string {
  const close = `ws.close(${closeArgs(session, jsString)});`;
  const none = session.messages.length === 0;
  return `${comments("//", [...header, FORMAT, ...session.notes ?? []])}
const messages = ${jsList(session, (list) => `new Uint8Array([${list}])`)};
const ws = new WebSocket(${jsString(session.url)}${jsProtocols(session)});
ws.binaryType = "arraybuffer";
let received = 0;
ws.onopen = () => {
  ${none ? close : "for (const message of messages) ws.send(message);"}
};
ws.onmessage = (event) => {
  if (typeof event.data === "string") console.log("text:", event.data);
  else console.log("binary:", hex(new Uint8Array(event.data)));
  if (++received === messages.length) ${close}
};
ws.onclose = (event) => console.log("close:", event.code, event.reason);

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
`;
}

function nodeProgram(session: CodeSession): string {
  const close = `ws.close(${closeArgs(session, jsString)});`;
  const none = session.messages.length === 0;
  const header = [
    "Node.js with the ws package: run `npm install ws`, save as echo.mjs",
    "and run `node echo.mjs`.",
    FORMAT,
    ...session.notes ?? [],
  ];
  return `${comments("//", header)}
import WebSocket from "ws";

const messages = ${jsList(session, (list) => `Buffer.from([${list}])`)};
const ws = new WebSocket(${jsString(session.url)}${jsProtocols(session)});
let received = 0;
ws.on("open", () => {
  ${none ? close : "for (const message of messages) ws.send(message);"}
});
ws.on("message", (data, isBinary) => {
  if (isBinary) console.log("binary:", data.toString("hex"));
  else console.log("text:", data.toString());
  if (++received === messages.length) ${close}
});
ws.on("close", (code, reason) => console.log("close:", code, String(reason)));
`;
}

function pythonProgram(session: CodeSession): string {
  const header = [
    "Python with the websockets package (pip install websockets, or Debian's",
    "python3-websockets): save as echo.py and run `python3 echo.py`.",
    FORMAT,
    ...session.notes ?? [],
  ];
  const items = session.messages.map((m) =>
    `    ${typeof m === "string" ? pyString(m) : pyBytes(m)},`
  );
  const list = items.length ? `[\n${items.join("\n")}\n]` : "[]";
  const protocols = session.protocols.length
    ? `, subprotocols=[${session.protocols.map(pyString).join(", ")}]`
    : "";
  return `${comments("#", header)}
import asyncio

import websockets

MESSAGES = ${list}


async def main():
    async with websockets.connect(${pyString(session.url)}${protocols}) as ws:
        for message in MESSAGES:
            await ws.send(message)
        try:
            for _ in MESSAGES:
                message = await ws.recv()
                if isinstance(message, str):
                    print("text:", message)
                else:
                    print("binary:", message.hex())
        except websockets.ConnectionClosed:
            pass
        await ws.close(${closeArgs(session, pyString)})
    print("close:", ws.close_code, ws.close_reason)


asyncio.run(main())
`;
}
