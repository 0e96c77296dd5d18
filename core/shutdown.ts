/**
 * Graceful shutdown on SIGINT and SIGTERM: refuse new sockets, send 1001 to
 * every open one, wait for their close handshakes up to the grace period,
 * then exit 0. Deno Deploy evicts with SIGINT and kills five seconds later,
 * hence the 4-second default grace.
 *
 * @module
 */

import type { EchoServer } from "./echo_server.ts";
import type { Logger } from "./log.ts";

/** Installs the signal handlers; a second signal during a drain is ignored. */
export function listenForShutdown(echo: EchoServer, logger: Logger): void {
  const drain = async (signal: Deno.Signal) => {
    if (echo.shuttingDown) return;
    const open = echo.openConnections;
    logger.info("shutdown", { signal, openConnections: open });
    const started = performance.now();
    await echo.shutdown();
    logger.info("stopped", {
      drainedMs: Math.round(performance.now() - started),
      stillOpen: echo.openConnections,
    });
    logger.flush();
    Deno.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    try {
      Deno.addSignalListener(signal, () => drain(signal));
    } catch {
      // Windows has no SIGTERM; SIGINT (Ctrl+C) still drains.
    }
  }
}
