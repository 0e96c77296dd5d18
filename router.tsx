/**
 * Runs a route module for one request: picks the method's handler, answers
 * HEAD from GET and every other method with 405 and `Allow`, and renders
 * pages. The one place where methods are checked, so no route does it.
 *
 * @module
 */

import { renderPage } from "./components/Page.tsx";
import {
  type Context,
  type Handler,
  type Method,
  METHODS,
  type RouteModule,
  type State,
} from "./context.ts";

/** The context of one request to one route. */
class RouteContext implements Context {
  readonly req: Request;
  readonly info: Deno.ServeHandlerInfo;
  readonly state: State;
  readonly #route: RouteModule;
  #url: URL | undefined;

  constructor(
    route: RouteModule,
    req: Request,
    info: Deno.ServeHandlerInfo,
    state: State,
  ) {
    this.#route = route;
    this.req = req;
    this.info = info;
    this.state = state;
  }

  get url(): URL {
    return this.#url ??= new URL(this.req.url);
  }

  render(init?: ResponseInit): Response {
    const Component = this.#route.default;
    if (!Component) {
      throw new TypeError(`No page component renders ${this.url.pathname}`);
    }
    const html = renderPage(<Component url={this.url} state={this.state} />);
    const headers = new Headers(init?.headers);
    headers.set("Content-Type", "text/html; charset=UTF-8");
    return new Response(html, { ...init, headers });
  }
}

/** The methods `route` answers, for `Allow`: HEAD wherever GET is. */
export function allowedMethods(route: RouteModule): Method[] {
  const handler = route.handler ?? {};
  return METHODS.filter((method) =>
    Object.hasOwn(handler, method) || (method === "HEAD" && handler.GET)
  );
}

/** Answers `req` with `route`'s handler for its method. */
export function respond(
  route: RouteModule,
  req: Request,
  info: Deno.ServeHandlerInfo,
  state: State,
): Response | Promise<Response> {
  const method = req.method as Method;
  // Own properties only: a request method named "toString" is no handler.
  const handler: Handler | undefined = route.handler &&
      Object.hasOwn(route.handler, method)
    ? route.handler[method]
    : undefined;
  const ctx = new RouteContext(route, req, info, state);
  if (handler) return handler(ctx);
  if (method === "HEAD" && route.handler?.GET) {
    return withoutBody(route.handler.GET(ctx));
  }
  const allow = allowedMethods(route).join(", ");
  return new Response(`Method ${req.method} is not allowed; use ${allow}\n`, {
    status: 405,
    headers: { Allow: allow, "Content-Type": "text/plain; charset=UTF-8" },
  });
}

/** A GET's answer to HEAD: its status and headers (RFC 9110 §9.3.2). */
async function withoutBody(
  answer: Response | Promise<Response>,
): Promise<Response> {
  const response = await answer;
  await response.body?.cancel();
  return new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** Renders `route`'s page component with `status`, outside method dispatch. */
export function renderRoute(
  route: RouteModule,
  req: Request,
  info: Deno.ServeHandlerInfo,
  state: State,
  init?: ResponseInit,
): Response {
  return new RouteContext(route, req, info, state).render(init);
}
