import assert from "node:assert/strict";
import { startServer } from "./helpers.ts";
import { rawRequest } from "./raw_http.ts";

Deno.test("routes - HEAD is answered from GET: same status and headers, no body", async () => {
  const server = await startServer();
  try {
    const get = await fetch(`${server.origin}/api/health`);
    await get.body?.cancel();
    const head = await fetch(`${server.origin}/api/health`, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(
      head.headers.get("content-type"),
      get.headers.get("content-type"),
    );
    assert.equal(head.headers.get("cache-control"), "no-store");
    assert.equal(await head.text(), "");
  } finally {
    await server.close();
  }
});

Deno.test("routes - a method a route does not export gets 405 listing the ones it does", async () => {
  const server = await startServer();
  try {
    for (const path of ["/api/health", "/metrics", "/api/ws"]) {
      const res = await fetch(`${server.origin}${path}`, { method: "DELETE" });
      assert.equal(res.status, 405, path);
      assert.equal(res.headers.get("allow"), "GET, HEAD", path);
      assert.equal(
        await res.text(),
        "Method DELETE is not allowed; use GET, HEAD\n",
      );
    }
  } finally {
    await server.close();
  }
});

Deno.test("routes - an echo upgrade is answered before the middleware, a plain GET after it", async () => {
  const server = await startServer();
  try {
    for (const path of ["/api/ws", "/"]) {
      const upgrade = await rawRequest(server.port, { path });
      assert.equal(upgrade.status, 101, path);
      assert.equal(upgrade.headers.get("content-security-policy"), null, path);
    }
    const page = await fetch(`${server.origin}/`);
    await page.body?.cancel();
    assert.match(
      page.headers.get("content-security-policy") ?? "",
      /default-src 'self'/,
    );
  } finally {
    await server.close();
  }
});
