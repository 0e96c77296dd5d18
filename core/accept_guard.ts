/**
 * Keeps the server accepting when the process runs out of file descriptors.
 *
 * Deno 2.9's `Deno.serve` ends its accept loop at the first failed accept
 * (`EMFILE` included), closes the listening socket and rejects its
 * `finished` promise; under `deno serve` nothing handles that rejection, so
 * the process would exit with every open WebSocket. The guard takes that
 * rejection, logs it once, counts it, and listens again on the same address
 * as soon as a descriptor is free. Open connections are not affected: they
 * run on their own.
 *
 * @module
 */

import type { Logger } from "./log.ts";
import type { Metrics } from "./metrics.ts";

/**
 * How long to wait before listening again: under a sustained flood the
 * server then pays one failed accept per interval, not one per connection.
 */
const RETRY_MS = 100;

/** How long a new listener must last before the burst counts as over. */
const QUIET_MS = 1000;

/** `EMFILE` (this process) and `ENFILE` (the system), as Deno words them. */
const OUT_OF_DESCRIPTORS = /\(os error 2[34]\)/;

/** What {@linkcode AcceptGuard} needs. */
export interface AcceptGuardOptions {
  /** The handler to serve with once listening again. */
  fetch: Deno.ServeHandler<Deno.NetAddr>;
  metrics: Metrics;
  logger: Logger;
  /** Where the server listens, until `deno serve` reports it (port 0). */
  hostname: string;
  port: number;
  /** True once the server is draining: then it stays closed. */
  stopped: () => boolean;
}

/**
 * Takes over listening when the accept loop dies for lack of descriptors.
 * A burst starts with the first failure and ends once a new listener has
 * lasted {@linkcode QUIET_MS}; each is logged once (`accept_exhausted`, then
 * `accept_resumed`), and every failure is counted.
 */
export class AcceptGuard {
  readonly #options: AcceptGuardOptions;
  #hostname: string;
  #port: number;
  /** When the current burst began; undefined between bursts. */
  #since: number | undefined;
  #failures = 0;
  #quiet: ReturnType<typeof setTimeout> | undefined;

  constructor(options: AcceptGuardOptions) {
    this.#options = options;
    this.#hostname = options.hostname;
    this.#port = options.port;
  }

  /** Starts watching for the accept loop's end. */
  install(): void {
    globalThis.addEventListener("unhandledrejection", (event) => {
      if (this.#handle(event.reason)) event.preventDefault();
    });
  }

  /** Records the address `deno serve` listens on, to listen there again. */
  listening(addr: Deno.Addr): void {
    if (addr.transport !== "tcp") return;
    this.#hostname = addr.hostname;
    this.#port = addr.port;
  }

  /** Whether `reason` ended an accept loop for lack of descriptors. */
  static isExhaustion(reason: unknown): boolean {
    return reason instanceof Deno.errors.Http &&
      OUT_OF_DESCRIPTORS.test(reason.message);
  }

  #handle(reason: unknown): boolean {
    if (!AcceptGuard.isExhaustion(reason)) return false;
    const { metrics, logger } = this.#options;
    metrics.acceptExhausted++;
    clearTimeout(this.#quiet);
    if (this.#since === undefined) {
      this.#since = performance.now();
      this.#failures = 0;
      logger.warn("accept_exhausted", {
        message: (reason as Error).message,
        openConnections: metrics.openConnections,
      });
    }
    this.#failures++;
    this.#schedule();
    return true;
  }

  #schedule(): void {
    setTimeout(() => this.#listen(), RETRY_MS);
  }

  #listen(): void {
    const options = this.#options;
    if (options.stopped()) return;
    let server: Deno.HttpServer<Deno.NetAddr>;
    try {
      server = Deno.serve({
        hostname: this.#hostname,
        port: this.#port,
        onListen: () => {},
      }, options.fetch);
    } catch {
      return this.#schedule();
    }
    server.finished.catch((reason) => {
      if (!this.#handle(reason)) throw reason;
    });
    const listened = performance.now();
    this.#quiet = setTimeout(() => {
      options.logger.info("accept_resumed", {
        downMs: Math.round(listened - this.#since!),
        failures: this.#failures,
      });
      this.#since = undefined;
    }, QUIET_MS);
  }
}
