/**
 * Shared test fixtures: a real server on 127.0.0.1 port 0 and small
 * WebSocket helpers that await events instead of sleeping.
 *
 * @module
 */

import { type App, createApp } from "../app.ts";
import { type Assets, readAssets } from "../core/assets.ts";
import { type Config, DEFAULT_CONFIG } from "../core/config.ts";
import { createLogger } from "../core/log.ts";
import { build, isStale } from "../scripts/build.ts";

/** A running app and how to reach it. */
export interface TestServer {
  app: App;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** `ws://127.0.0.1:PORT` */
  wsOrigin: string;
  port: number;
  /** Log lines written so far (JSON records and printed messages). */
  logs: string[];
  /** Closes every socket and stops listening. */
  close(): Promise<void>;
}

let built: Promise<Assets> | undefined;

/** Builds the client bundle once per test process when it is stale. */
export function ensureBuilt(): Promise<Assets> {
  built ??= (async () => {
    if (await isStale()) await build();
    return readAssets();
  })();
  return built;
}

/**
 * Starts the app on 127.0.0.1 with `overrides` over the defaults; on a free
 * port unless `overrides.port` names one (to stop a server and bring it back
 * at the same address).
 */
export async function startServer(
  overrides: Partial<Config> = {},
): Promise<TestServer> {
  const config: Config = {
    ...DEFAULT_CONFIG,
    hostname: "127.0.0.1",
    port: 0,
    ...overrides,
  };
  const logs: string[] = [];
  const logger = createLogger(config.logLevel, (line) => logs.push(line));
  const app = createApp({ config, logger, assets: await ensureBuilt() });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: config.port, onListen: () => {} },
    app.fetch,
  );
  const port = server.addr.port;
  return {
    app,
    port,
    origin: `http://127.0.0.1:${port}`,
    wsOrigin: `ws://127.0.0.1:${port}`,
    logs,
    async close() {
      await app.echo.shutdown(1000);
      await app.close();
      await server.shutdown();
    },
  };
}

/** Opens a WebSocket and waits for `open`; rejects on an early close. */
export function openSocket(
  url: string,
  protocols?: string | string[],
): Promise<WebSocket> {
  const ws = new WebSocket(url, protocols);
  ws.binaryType = "arraybuffer";
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve(ws);
    ws.onerror = () => {};
    ws.onclose = (e) =>
      reject(new Error(`closed before open: ${e.code} ${e.reason}`));
  });
}

/** Collects the next `count` messages. */
export function receive(
  ws: WebSocket,
  count = 1,
): Promise<(string | ArrayBuffer)[]> {
  const got: (string | ArrayBuffer)[] = [];
  return new Promise((resolve, reject) => {
    ws.onmessage = (e) => {
      got.push(e.data);
      if (got.length === count) resolve(got);
    };
    ws.onclose = (e) =>
      reject(
        new Error(
          `closed after ${got.length}/${count} messages: ${e.code} ${e.reason}`,
        ),
      );
  });
}

/** Resolves with the close event, whoever closes. */
export function closed(ws: WebSocket): Promise<CloseEvent> {
  if (ws.readyState === WebSocket.CLOSED) {
    return Promise.reject(new Error("already closed"));
  }
  return new Promise((resolve) => {
    ws.onmessage = null;
    ws.onclose = (e) => resolve(e);
  });
}

/** Closes with 1000 and waits for the close handshake to finish. */
export async function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return;
  const done = closed(ws);
  ws.close(1000);
  await done;
}

/** Waits until the server has counted `count` closed connections. */
export async function waitForCloses(server: TestServer, count: number) {
  const closes = server.app.echo.metrics.closesByCode;
  while ([...closes.values()].reduce((a, b) => a + b, 0) < count) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
