import assert from "node:assert/strict";
import { launchBrowser, serveFile } from "./browser_helpers.ts";
import { startServer } from "./helpers.ts";

Deno.test("handshake report - a page on another origin never learns the visitor's cookie", async () => {
  const server = await startServer();
  const other = serveFile(
    new URL("./fixtures/cross_origin_handshake.html", import.meta.url),
  );
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    // A cookie of this server's host: Chromium sends it with a WebSocket
    // opened by any page of the same site, whatever its port or origin.
    await context.addCookies([{
      name: "session",
      value: "s3cret-value-42",
      domain: "127.0.0.1",
      path: "/",
    }]);
    const page = await context.newPage();
    await page.goto(
      `${other.origin}/#${server.wsOrigin}/api/ws?handshake=1`,
    );
    const text = await page.locator("#report").filter({ hasText: "{" })
      .textContent();
    const report = JSON.parse(text!);
    const headers = new Map<string, string>(report.headers);
    assert.equal(headers.get("origin"), other.origin);
    assert.equal(headers.get("cookie"), "(hidden: 23 characters)");
    assert.ok(!text!.includes("s3cret"), text!);
    assert.equal(report.path, "/api/ws?handshake=1");
    assert.match(report.remote, /^127\.0\.0\.1:\d+$/);
    await context.close();
  } finally {
    await browser.close();
    await other.close();
    await server.close();
  }
});
