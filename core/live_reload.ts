/**
 * Live reload for `deno task dev`, as Fresh does it: the page holds an
 * EventSource on {@linkcode LIVE_RELOAD_PATH}; `deno serve --watch` restarts
 * the server after every rebuild or server edit, the stream drops, the
 * browser reconnects, sees a new server id and reloads the page.
 *
 * @module
 */

/** Where the page listens for server restarts; outside `/_fresh/`. */
export const LIVE_RELOAD_PATH = "/_dev/reload";

/** Tells this server process apart from the one before a restart. */
const SERVER_ID = crypto.randomUUID();

/** How soon the browser retries while the server restarts. */
const RETRY_MS = 200;

/** The event stream: this server's id, then nothing until the process ends. */
export function serveLiveReload(): Response {
  const body = new TextEncoder().encode(
    `retry: ${RETRY_MS}\ndata: ${SERVER_ID}\n\n`,
  );
  const stream = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(body),
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-store",
    },
  });
}

/**
 * Runs in the browser: reloads the page when the stream at `path` names a
 * server other than the first one it saw. Serialized by
 * {@linkcode liveReloadScript}, so it must not close over anything.
 */
function reloadOnRestart(path: string): void {
  let first: string | undefined;
  const source = new EventSource(path);
  source.onmessage = (event) => {
    first ??= event.data;
    if (event.data !== first) {
      source.close();
      location.reload();
    }
  };
}

/** The browser script the dev build writes beside the bundle. */
export function liveReloadScript(): string {
  return `(${reloadOnRestart.toString()})(${
    JSON.stringify(LIVE_RELOAD_PATH)
  });\n`;
}
