import type { PageProps } from "../context.ts";
import { Page } from "../components/Page.tsx";

/** Any path the app does not serve; the app renders it with status 404. */
export default function NotFound({ url, state }: PageProps) {
  return (
    <Page title="Not found · WebSocket Echo" assets={state.assets}>
      <main>
        <h1>404: not found</h1>
        <p>
          Nothing lives at <code>{url.pathname}</code>.{" "}
          <a href="/">Open the echo client</a>, or connect a WebSocket to{" "}
          <code>/api/ws</code>.
        </p>
      </main>
    </Page>
  );
}
