/**
 * What a route module sees and exports, in Fresh's shape: a `handler` object
 * keyed by HTTP method, each method given a {@linkcode Context}, and for a
 * page a default component given {@linkcode PageProps}. Routes import this
 * module, never the app that registers them.
 *
 * @module
 */

import type { FunctionComponent } from "preact";
import type { Assets } from "./core/assets.ts";
import type { EchoServer } from "./core/echo_server.ts";
import type { WorkerMetrics } from "./core/worker_metrics.ts";

/** What every request can reach: the app's long-lived parts. */
export interface State {
  echo: EchoServer;
  assets: Assets;
  /** `Date.now()` when the app was built. */
  startedAt: number;
  workerMetrics: WorkerMetrics;
}

/** One request, as a route's method handler receives it. */
export interface Context {
  readonly req: Request;
  /** The request's URL, parsed on first use. */
  readonly url: URL;
  /** Deno passes the connection's info as the second `fetch` argument. */
  readonly info: Deno.ServeHandlerInfo;
  readonly state: State;
  /**
   * Renders the route's default component as a complete HTML page.
   *
   * @throws {TypeError} when the route module has no default component
   */
  render(init?: ResponseInit): Response;
}

/** The HTTP methods a route may answer; HEAD is answered from GET. */
export const METHODS = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
] as const;

/** One of {@linkcode METHODS}. */
export type Method = typeof METHODS[number];

/** Answers one method of one route. */
export type Handler = (ctx: Context) => Response | Promise<Response>;

/** A route's `handler` export: the methods it answers. */
export type Handlers = Partial<Record<Method, Handler>>;

/** What a page's default component receives. */
export interface PageProps {
  url: URL;
  state: State;
}

/** A file under routes/: its handlers and, for a page, its component. */
export interface RouteModule {
  handler?: Handlers;
  default?: FunctionComponent<PageProps>;
}
