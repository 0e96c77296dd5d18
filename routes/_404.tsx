import type { Context } from "hono";
import type { AppEnv } from "../app.ts";
import { Page, renderPage } from "../components/Page.tsx";

/** Any path the app does not serve. */
export function handleNotFound(
  c: Context<AppEnv>,
): Response | Promise<Response> {
  return c.html(
    renderPage(
      <Page title="Not found · WebSocket Echo" assets={c.var.assets}>
        <main>
          <h1>404: not found</h1>
          <p>
            Nothing lives at <code>{c.req.path}</code>.{" "}
            <a href="/">Open the echo client</a>, or connect a WebSocket to{" "}
            <code>/api/ws</code>.
          </p>
        </main>
      </Page>,
    ),
    404,
  );
}
