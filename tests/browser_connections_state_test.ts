import assert from "node:assert/strict";
import { startServer } from "./helpers.ts";
import {
  addConnection,
  connect,
  launchBrowser,
  openClient,
} from "./browser_helpers.ts";

// The tabs keep every connection's state in view while another is
// selected; a closed socket with a retry pending is not simply "closed".
Deno.test("connections state - a tab says reconnecting while its retry waits, closed once reconnect is turned off", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await connect(page);
    await addConnection(page, 2);
    await page.getByLabel("Reconnect automatically").check();
    await page.getByLabel("URL", { exact: true }).fill(
      `${server.wsOrigin}/api/ws?status=503`,
    );
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await page.getByRole("tab", { name: /^A open/ }).click();
    // B's first retry waits 0.5-1 s after its refused handshake.
    await page.getByRole("tab", { name: /^B reconnecting/ }).waitFor();
    await page.getByRole("tab", { name: /^B/ }).click();
    await page.getByLabel("Reconnect automatically").uncheck();
    await page.getByRole("tab", { name: /^B closed/ }).waitFor();
    assert.deepEqual(
      await page.getByRole("tab").evaluateAll((tabs) =>
        tabs.map((t) => t.textContent)
      ),
      ["A open", "B closed"],
    );
    assert.ok(
      problems.every((p) => p.includes("503")),
      `unexpected: ${problems.join("\n")}`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
});
