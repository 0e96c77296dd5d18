import type { Context } from "hono";
import type { AppEnv } from "../app.ts";
import { Island } from "../components/Island.tsx";
import { Page, renderPage } from "../components/Page.tsx";
import EchoClient from "../islands/EchoClient.tsx";

const ECHO_PATH = "/api/ws";

/**
 * `/`: the page. (A WebSocket upgrade here is echoed; see `isEchoUpgrade`.)
 */
export function handleIndex(c: Context<AppEnv>): Response | Promise<Response> {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    c.header("Allow", "GET, HEAD");
    return c.text(`Method ${c.req.method} is not allowed\n`, 405);
  }
  const host = c.req.header("host") ?? "localhost:8000";
  const scheme = new URL(c.req.url).protocol === "https:" ? "wss" : "ws";
  const endpoint = `${scheme}://${host}${ECHO_PATH}`;
  return c.html(renderPage(
    <Page title="WebSocket Echo" assets={c.var.assets}>
      <header>
        <h1>WebSocket Echo</h1>
        <p>
          Every message sent to <code>{endpoint}</code>{" "}
          comes back unchanged: text as text, binary as binary, in order. Use
          the client below to watch what the browser's WebSocket API does, or
          point your own client or proxy at the endpoint.
        </p>
      </header>
      <main>
        <noscript>
          <p class="problem">
            The live client needs JavaScript. The echo endpoint works without
            it: try <code>websocat {endpoint}</code>.
          </p>
        </noscript>
        <Island name="EchoClient" props={{ path: ECHO_PATH }}>
          <EchoClient path={ECHO_PATH} />
        </Island>
      </main>
      <footer>
        <p>
          Try it from a terminal: <code>websocat {endpoint}</code>. Health:{" "}
          <a href="/api/health">/api/health</a>, metrics:{" "}
          <a href="/metrics">/metrics</a>.
        </p>
      </footer>
    </Page>,
  ));
}
