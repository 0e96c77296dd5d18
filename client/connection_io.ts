/**
 * The page's connection as a script sees it: {@linkcode connectionIo} is
 * to a {@linkcode Connection} what `socketIo` is to a bare `WebSocket`, so
 * a script runs on the live connection with the command's engine, its
 * sends and echoes in the log and on the timeline like any other.
 * Browser-safe.
 *
 * @module
 */

import type { Connection, StepTraceMark } from "./connection.ts";
import type { Script } from "./script.ts";
import { scriptTargets } from "./script_connections.ts";
import { IncomingQueue, type SocketIo } from "./script_io.ts";
import type { Recorder } from "./script_recorder.ts";
import { stepEntry, stepMark, type StepReport } from "./script_report.ts";
import { prepareScript } from "./script_formats.ts";
import { type RunResult, runScript } from "./script_run.ts";
import { openScriptSockets } from "./script_sockets.ts";

const STATE_NAMES = ["connecting", "open", "closing", "closed"];

/**
 * Adapts `connection`. Events are queued from this call on; call
 * `dispose()` when the run ends.
 */
export function connectionIo(connection: Connection): SocketIo {
  const queue = new IncomingQueue();
  const removers = [
    connection.addListener("message", (e) => queue.push({ data: e.data })),
    connection.addListener(
      "close",
      (e) => queue.push({ closed: { code: e.code, reason: e.reason } }),
    ),
  ];
  return {
    send(data) {
      // The same words as socketIo's, so the page and the command agree.
      if (!connection.send(data as Uint8Array<ArrayBuffer> | string)) {
        const state = connection.snapshot.readyState ?? 3;
        throw new Error(`Cannot send: the socket is ${STATE_NAMES[state]}`);
      }
    },
    close: (code, reason) => connection.close(code, reason),
    next: (timeoutMs, signal) => queue.next(timeoutMs, signal),
    dispose: () => removers.forEach((remove) => remove()),
  };
}

/**
 * Resolves once `connection` is open; rejects with the reason when its
 * socket closes first or is not open within `timeoutMs`.
 */
export function waitForConnection(
  connection: Connection,
  timeoutMs: number,
): Promise<void> {
  if (connection.snapshot.readyState === 1) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      removeOpen();
      removeClose();
      if (error) reject(error);
      else resolve();
    };
    const removeOpen = connection.addListener("open", () => finish());
    const removeClose = connection.addListener("close", (e) =>
      finish(
        new Error(
          `closed before opening (code ${e.code}${
            e.reason ? `, "${e.reason}"` : ""
          })`,
        ),
      ));
    const timer = setTimeout(() => {
      finish(new Error(`not open after ${timeoutMs} ms`));
      connection.close();
    }, timeoutMs);
  });
}

/** How long a run waits for the socket it opens, as the command does. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** How long a run with connections waits for their closes, as the command does. */
export const CLOSE_TIMEOUT_MS = 1000;

/** Options of {@linkcode runOnConnection}. */
export interface PageRunOptions {
  /** Where to connect when no socket is open: the script's URL, else this. */
  url: string;
  onStep?: (report: StepReport) => void;
  signal?: AbortSignal;
  /** Called before the run opens a socket of its own. */
  onConnect?: (url: string, protocols: string[]) => void;
}

/**
 * A run's end: the engine's result, why the socket would not open, or why
 * the script is not valid (a schema that does not parse, an unknown type).
 */
export type PageRunResult =
  | RunResult
  | { ok: false; connectError: string }
  | { ok: false; invalid: string };

/**
 * Runs `script` on the live connection, or, when no socket is open or
 * opening, connects first to the script's URL with its subprotocols. A
 * script with `connections` opens a socket of its own for each, as the
 * command does, and closes them when it ends; the live connection is left
 * as it is. Each step that ends becomes a mark on the trace and an entry in
 * the log.
 */
export async function runOnConnection(
  connection: Connection,
  script: Script,
  options: PageRunOptions,
): Promise<PageRunResult> {
  const startedAt = performance.now();
  // Loads the codecs it names and parses its "proto", as the command does.
  try {
    await prepareScript(script);
  } catch (error) {
    return { ok: false, invalid: `Not run: ${(error as Error).message}` };
  }
  if (script.connections) {
    return await runOnSockets(connection, script, options, startedAt);
  }
  const io = connectionIo(connection);
  try {
    const state = connection.snapshot.readyState;
    if (state !== 0 && state !== 1) {
      const url = script.url ?? options.url;
      const protocols = script.protocols ?? [];
      options.onConnect?.(url, protocols);
      const error = connection.connect(url, protocols);
      if (error) return { ok: false, connectError: connectLine(url, error) };
    }
    try {
      await waitForConnection(connection, CONNECT_TIMEOUT_MS);
    } catch (error) {
      const url = connection.snapshot.url;
      return { ok: false, connectError: connectLine(url, error as Error) };
    }
    return await runScript(script, io, {
      startedAt,
      signal: options.signal,
      onStep: marking(connection, options),
    });
  } finally {
    io.dispose();
  }
}

async function runOnSockets(
  connection: Connection,
  script: Script,
  options: PageRunOptions,
  startedAt: number,
): Promise<PageRunResult> {
  let sockets;
  try {
    sockets = await openScriptSockets(
      scriptTargets(script)!,
      CONNECT_TIMEOUT_MS,
    );
  } catch (error) {
    return { ok: false, connectError: (error as Error).message };
  }
  try {
    return await runScript(script, sockets.ios, {
      startedAt,
      signal: options.signal,
      onStep: marking(connection, options),
    });
  } finally {
    await sockets.closeAll(CLOSE_TIMEOUT_MS);
  }
}

/** Each step that ends as a mark and a log entry, then `options.onStep`. */
function marking(connection: Connection, options: PageRunOptions) {
  return (report: StepReport) => {
    if (report.status !== "pending") {
      const { at: _, ...mark } = stepMark(report, 0);
      connection.markStep(mark as StepTraceMark, stepEntry(report));
    }
    options.onStep?.(report);
  };
}

/** The command's words for a socket that would not open. */
function connectLine(url: string, error: Error | string): string {
  return `Cannot connect to ${url}: ${
    typeof error === "string" ? error : error.message
  }`;
}

/**
 * Records what happens on `connection` into the recorder `recorder()` gives
 * (the page may start a new one when a socket opens) until the returned
 * function is called; `onChange` hears each step added. `on()` names the
 * connection in the recorder as each step happens, since a tab renamed while
 * recording is recorded under its newest name.
 */
export function recordConnection(
  connection: Connection,
  recorder: () => Recorder,
  onChange: () => void,
  on: () => string = () => "",
): () => void {
  const then = <T>(fn: (e: T) => void) => (e: T) => {
    fn(e);
    onChange();
  };
  const removers = [
    connection.addListener("send", then((e) => recorder().sent(e.data, on()))),
    connection.addListener(
      "message",
      then((e) => recorder().received(e.data, on())),
    ),
    connection.addListener(
      "closing",
      then((e) => recorder().closing(e.code, e.reason, on())),
    ),
    connection.addListener(
      "close",
      then((e) => recorder().closed(e.code, e.reason, on())),
    ),
  ];
  return () => removers.forEach((remove) => remove());
}
