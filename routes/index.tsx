import type { Handlers, PageProps } from "../context.ts";
import { Island } from "../components/Island.tsx";
import { Page } from "../components/Page.tsx";
import EchoClient from "../islands/EchoClient.tsx";

const ECHO_PATH = "/api/ws";

/**
 * `/`: the page. `/` is an echo path too: the app sends WebSocket upgrades
 * here to `/api/ws`, and a GET asking for `?status` gets the refusal an
 * upgrade would get, so a browser can read why its handshake failed.
 */
export const handler: Handlers = {
  GET(ctx) {
    if (ctx.url.searchParams.has("status")) {
      const refusal = ctx.state.echo.refusal(ctx.req, ctx.info);
      if (refusal) return refusal;
    }
    return ctx.render();
  },
};

/** The echo client, with the endpoint's address for other clients. */
export default function Home({ url, state }: PageProps) {
  const scheme = url.protocol === "https:" ? "wss" : "ws";
  const endpoint = `${scheme}://${url.host}${ECHO_PATH}`;
  return (
    <Page title="WebSocket Echo" assets={state.assets}>
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
        <Island
          name="EchoClient"
          component={EchoClient}
          props={{ path: ECHO_PATH }}
        />
      </main>
      <footer>
        <p>
          Try it from a terminal: <code>websocat {endpoint}</code>. Health:{" "}
          <a href="/api/health">/api/health</a>, metrics:{" "}
          <a href="/metrics">/metrics</a>.
        </p>
      </footer>
    </Page>
  );
}
