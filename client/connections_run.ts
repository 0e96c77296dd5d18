/**
 * A script with `connections` run on the page's own connections, one per
 * declared name, with the command's engine: their sends and messages land
 * in each connection's log and timeline, and each step's mark on the
 * connection it acts on. Browser-safe.
 *
 * @module
 */

import type { Connection, StepTraceMark } from "./connection.ts";
import {
  CLOSE_TIMEOUT_MS,
  CONNECT_TIMEOUT_MS,
  connectionIo,
  type PageRunOptions,
  type PageRunResult,
  runOnConnection,
  waitForConnection,
} from "./connection_io.ts";
import { connectionNames, type Script } from "./script.ts";
import { type ScriptTarget, scriptTargets } from "./script_connections.ts";
import { prepareScript } from "./script_formats.ts";
import type { SocketIo } from "./script_io.ts";
import { stepEntry, stepMark, type StepReport } from "./script_report.ts";
import { runScript } from "./script_run.ts";

/** Options of {@linkcode runOnPage}. */
export interface PageActorsOptions extends PageRunOptions {
  /**
   * The page's connection for each of a script's connections; without it,
   * a script with connections runs on sockets of its own, unseen.
   *
   * @throws {Error} with the line to show when they cannot all be had
   */
  actors?: (
    targets: readonly ScriptTarget[],
  ) => Promise<ReadonlyMap<string, Connection>>;
}

/**
 * Runs `script` as {@linkcode runOnConnection} does, except that a script
 * with `connections` runs on the page connections `options.actors` gives.
 */
export async function runOnPage(
  connection: Connection,
  script: Script,
  options: PageActorsOptions,
): Promise<PageRunResult> {
  if (!script.connections || !options.actors) {
    return await runOnConnection(connection, script, options);
  }
  const startedAt = performance.now();
  try {
    await prepareScript(script);
  } catch (error) {
    return { ok: false, invalid: `Not run: ${(error as Error).message}` };
  }
  let connections;
  try {
    connections = await options.actors(scriptTargets(script)!);
  } catch (error) {
    return { ok: false, connectError: (error as Error).message };
  }
  return await runOnConnections(connections, script, { ...options, startedAt });
}

/** Options of {@linkcode runOnConnections}. */
export interface ActorsRunOptions {
  /** When the run began, for its time, as the command counts it. */
  startedAt: number;
  onStep?: (report: StepReport) => void;
  signal?: AbortSignal;
}

/**
 * Runs `script` on `connections` (each declared name's connection). One
 * whose socket is open or opening is used as it is, like a one-connection
 * run's live connection; the others connect to their URL and subprotocols,
 * all before the first step, and those the run opened are closed with 1000
 * `"Script done"` when it ends, as the command closes its own.
 */
export async function runOnConnections(
  connections: ReadonlyMap<string, Connection>,
  script: Script,
  options: ActorsRunOptions,
): Promise<PageRunResult> {
  const targets = scriptTargets(script)!;
  // Listen before anything can arrive: a room may deliver at once.
  const ios = new Map<string, SocketIo>(
    targets.map((t) => [t.name, connectionIo(connections.get(t.name)!)]),
  );
  const opened: Connection[] = [];
  try {
    for (const target of targets) {
      const connection = connections.get(target.name)!;
      const state = connection.snapshot.readyState;
      if (state === 0 || state === 1) continue;
      const error = connection.connect(target.url, target.protocols);
      if (error) {
        return {
          ok: false,
          connectError:
            `Cannot connect ${target.name} to ${target.url}: ${error}`,
        };
      }
      opened.push(connection);
    }
    try {
      await Promise.all(
        targets.map((t) =>
          waitForConnection(connections.get(t.name)!, CONNECT_TIMEOUT_MS)
            .catch((error: Error) => {
              throw new Error(
                `Cannot connect ${t.name} to ${t.url}: ${error.message}`,
              );
            })
        ),
      );
    } catch (error) {
      return { ok: false, connectError: (error as Error).message };
    }
    const first = connectionNames(script)[0];
    return await runScript(script, ios, {
      startedAt: options.startedAt,
      signal: options.signal,
      onStep: (report) => {
        if (report.status !== "pending") {
          const { at: _, ...mark } = stepMark(report, 0);
          connections.get(report.step.on ?? first)!.markStep(
            mark as StepTraceMark,
            stepEntry(report),
          );
        }
        options.onStep?.(report);
      },
    });
  } finally {
    for (const io of ios.values()) io.dispose();
    await closeAll(opened);
  }
}

/** Closes each of `connections` still live and waits a moment for the closes. */
async function closeAll(connections: Connection[]): Promise<void> {
  const live = connections.filter((c) => {
    const state = c.snapshot.readyState;
    return state === 0 || state === 1 || state === 2;
  });
  if (live.length === 0) return;
  const removers: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const closed = Promise.all(live.map((c) =>
    new Promise<void>((resolve) => {
      removers.push(c.addListener("close", () => resolve()));
      if (c.snapshot.readyState !== 2) c.close(1000, "Script done");
    })
  ));
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
  });
  await Promise.race([closed, late]);
  clearTimeout(timer);
  removers.forEach((remove) => remove());
}
