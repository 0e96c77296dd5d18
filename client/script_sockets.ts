/**
 * The sockets a run opens for itself: one per target, all open before the
 * first step, all closed when the run ends. `deno task script` opens every
 * script's sockets with it, and the page a script's named connections, so
 * both say the same thing when one will not open. Browser-safe (the
 * standard WebSocket API only).
 *
 * @module
 */

import type { ScriptTarget } from "./script_connections.ts";
import { type SocketIo, socketIo, waitForOpen } from "./script_io.ts";

/** The open sockets of a run, by target name, and how to close them. */
export interface ScriptSockets {
  /** Each target's connection as the runner takes it, in order. */
  ios: Map<string, SocketIo>;
  /**
   * Closes every socket still open with 1000 `"Script done"` and waits at
   * most `timeoutMs` for the closing handshakes.
   */
  closeAll(timeoutMs: number): Promise<void>;
}

/**
 * Opens a socket to every target at once and waits until all are open.
 *
 * @throws {Error} with the line to show, `Cannot connect to URL: why` (or
 *   `Cannot connect bob to URL: why` for a named target), when one does not
 *   open within `timeoutMs`; the others are closed first
 */
export async function openScriptSockets(
  targets: readonly ScriptTarget[],
  timeoutMs: number,
): Promise<ScriptSockets> {
  const sockets: WebSocket[] = [];
  const ios = new Map<string, SocketIo>();
  const closeAll = (ms: number) => closeSockets(sockets, ms);
  try {
    await Promise.all(targets.map(async (target) => {
      let ws: WebSocket;
      try {
        ws = new WebSocket(target.url, target.protocols);
      } catch (error) {
        throw new Error(connectLine(target, error as Error));
      }
      sockets.push(ws);
      // Listen before anything can arrive: a room may deliver at once.
      ios.set(target.name, socketIo(ws));
      try {
        await waitForOpen(ws, timeoutMs);
      } catch (error) {
        throw new Error(connectLine(target, error as Error));
      }
    }));
  } catch (error) {
    await closeAll(timeoutMs);
    throw error;
  }
  // In the order declared, not the order they opened.
  const ordered = new Map(targets.map((t) => [t.name, ios.get(t.name)!]));
  return { ios: ordered, closeAll };
}

/** The command's words for a socket that would not open. */
function connectLine(target: ScriptTarget, error: Error): string {
  const who = target.name === "" ? "" : ` ${target.name}`;
  return `Cannot connect${who} to ${target.url}: ${error.message}`;
}

async function closeSockets(sockets: WebSocket[], timeoutMs: number) {
  const open = sockets.filter((ws) => ws.readyState !== WebSocket.CLOSED);
  if (open.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const closed = Promise.all(open.map((ws) =>
    new Promise((resolve) => {
      ws.addEventListener("close", resolve);
      // A socket still connecting closes too: the run is over.
      if (ws.readyState !== WebSocket.CLOSING) ws.close(1000, "Script done");
    })
  ));
  await Promise.race([
    closed,
    new Promise((resolve) => timer = setTimeout(resolve, timeoutMs)),
  ]);
  clearTimeout(timer);
}
