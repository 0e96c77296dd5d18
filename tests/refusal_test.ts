import assert from "node:assert/strict";
import { Connection } from "../client/connection.ts";
import { explainRefusals, fetchRefusal } from "../client/refusal.ts";
import { startServer } from "./helpers.ts";

/** Connects to `url`, waits for the close, then for `notes` notes. */
async function notesAfterFailing(
  origin: string,
  url: string,
  notes: number,
): Promise<string[]> {
  const connection = new Connection({ flushMs: 0 });
  const stop = explainRefusals(connection, origin);
  const closed = new Promise((resolve) =>
    connection.addListener("close", resolve)
  );
  try {
    assert.equal(connection.connect(url), null);
    await closed;
    const texts = () =>
      connection.snapshot.log.entries.filter((e) => e.kind === "info")
        .map((e) => e.text!);
    while (texts().length < notes) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return texts();
  } finally {
    stop();
    connection.dispose();
  }
}

Deno.test("refusal - a handshake refused with ?status is explained with its status and body", async () => {
  const server = await startServer();
  try {
    const notes = await notesAfterFailing(
      server.origin,
      `${server.wsOrigin}/api/ws?status=503`,
      1,
    );
    assert.deepEqual(notes, [
      "The server refused the handshake with HTTP 503 Service Unavailable: " +
      "Refused with 503 because the URL asks for ?status=503 (read with a " +
      "plain GET of the same URL: the WebSocket API shows only error and " +
      "close 1006)",
    ]);
  } finally {
    await server.close();
  }
});

Deno.test("refusal - a socket refused before watching began is explained when it begins", async () => {
  // The page loads the refusal code at its first connect, which a refusal
  // from a nearby server can beat.
  const server = await startServer();
  const connection = new Connection({ flushMs: 0 });
  const closed = new Promise((resolve) =>
    connection.addListener("close", resolve)
  );
  let stop = () => {};
  try {
    connection.connect(`${server.wsOrigin}/api/ws?status=503`);
    await closed;
    stop = explainRefusals(connection, server.origin);
    const notes = () =>
      connection.snapshot.log.entries.filter((e) => e.kind === "info");
    while (notes().length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.match(
      notes()[0].text!,
      /^The server refused the handshake with HTTP 503 Service Unavailable: /,
    );
  } finally {
    stop();
    connection.dispose();
    await server.close();
  }
});

Deno.test("refusal - a malformed behaviour is explained with the server's 400", async () => {
  const server = await startServer();
  try {
    const refusal = await fetchRefusal(
      `${server.wsOrigin}/?delay=soon`,
      server.origin,
    );
    assert.deepEqual(refusal, {
      status: 400,
      statusText: "Bad Request",
      body: 'delay is "soon", expected an integer 0-60000',
    });
  } finally {
    await server.close();
  }
});

Deno.test("refusal - nothing is fetched for a URL that the server would upgrade", async () => {
  const server = await startServer();
  try {
    for (const path of ["/api/ws", "/api/ws?delay=5", "/"]) {
      assert.equal(
        await fetchRefusal(`${server.wsOrigin}${path}`, server.origin),
        null,
        path,
      );
    }
    // Another origin's refusal is not this page's to read.
    assert.equal(
      await fetchRefusal(
        `${server.wsOrigin}/api/ws?status=503`,
        "http://127.0.0.1:1",
      ),
      null,
    );
  } finally {
    await server.close();
  }
});

Deno.test("refusal - reconnect attempts to a refusing URL are explained from one fetch until the page connects anew", async () => {
  const server = await startServer();
  const connection = new Connection({
    flushMs: 0,
    backoff: { baseMs: 20, factor: 1, maxMs: 20 },
  });
  const fetched: string[] = [];
  const stop = explainRefusals(connection, server.origin, (input, init) => {
    fetched.push(String(input));
    return fetch(input, init);
  });
  const url = `${server.wsOrigin}/api/ws?status=503`;
  const count = (kind: string, text = "") =>
    connection.snapshot.log.entries.filter((e) =>
      e.kind === kind && (e.text ?? "").startsWith(text)
    ).length;
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  const refused = "The server refused the handshake with HTTP 503";
  try {
    connection.reconnect = true;
    connection.connect(url);
    await until(() => count("close") >= 3);
    connection.reconnect = false;
    await until(() => connection.snapshot.readyState === 3);
    const sockets = count("close");
    await until(() => count("info", refused) === sockets);
    assert.deepEqual(fetched, [`${server.origin}/api/ws?status=503`]);

    connection.connect(url);
    await until(() => count("info", refused) === sockets + 1);
    assert.equal(fetched.length, 2);
  } finally {
    stop();
    connection.dispose();
    await server.close();
  }
});
