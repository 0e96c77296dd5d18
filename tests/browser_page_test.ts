import assert from "node:assert/strict";
import { startServer } from "./helpers.ts";
import {
  connect,
  launchBrowser,
  openClient,
  openWatchedPage,
  serveFile,
  typeAndSend,
  waitForEntries,
} from "./browser_helpers.ts";

const TUTORIAL_CLIENT = new URL(
  "./fixtures/tutorial_client.html",
  import.meta.url,
);

Deno.test({
  name: "page - connects, echoes typed text and binary, closes cleanly",
  async fn(t) {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const { page } = await openClient(browser, server.origin);
      const state = page.getByTestId("ready-state");

      await t.step("Connect opens the socket", async () => {
        await page.getByRole("button", { name: "Connect", exact: true })
          .click();
        await page.waitForFunction(() =>
          document.querySelector('[data-testid="ready-state"]')?.textContent ===
            "1 OPEN"
        );
        assert.equal(await state.textContent(), "1 OPEN");
      });

      await t.step(
        "Enter sends the message and the echo is logged",
        async () => {
          const message = page.getByLabel("Message", { exact: true });
          await message.fill("Hello, echo <b>not bold</b>");
          await message.press("Enter");
          const echo = page.locator(".log .entry.message .detail").last();
          await echo.waitFor();
          assert.equal(await echo.textContent(), "Hello, echo <b>not bold</b>");
          assert.equal(await message.inputValue(), "");
        },
      );

      await t.step(
        "hex mode sends binary and logs the echoed bytes",
        async () => {
          await page.getByLabel("Send as").selectOption("hex");
          const message = page.getByLabel("Message", { exact: true });
          await message.fill("de ad be ef 00 ff");
          await message.press("Enter");
          const echo = page.locator(".log .entry.message.binary .hex").last();
          await echo.waitFor();
          assert.match(await echo.textContent() ?? "", /de ad be ef 00 ff/);
        },
      );

      await t.step("closing with 1000 and a reason is clean", async () => {
        await page.getByLabel("Close code").fill("1000");
        await page.getByLabel("Reason", { exact: true }).fill("Done here");
        await page.getByRole("button", { name: "Close", exact: true }).click();
        await page.waitForFunction(() =>
          document.querySelector('[data-testid="ready-state"]')?.textContent ===
            "3 CLOSED"
        );
        const close = page.locator(".log .entry.close .detail").last();
        assert.equal(
          await close.textContent(),
          'code 1000 Normal Closure, reason "Done here", wasClean true',
        );
      });
    } finally {
      await browser.close();
      await server.close();
    }
  },
});

Deno.test({
  name: "page - hydrates the island without console errors or CSP violations",
  async fn() {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const { page, problems } = await openClient(browser, server.origin);
      const hydrated = await page.locator('[data-island="EchoClient"]')
        .getAttribute("data-hydrated");
      assert.equal(hydrated, "true");
      // Exercise the client so styles set while it runs are checked too.
      await connect(page);
      await typeAndSend(page, "ping");
      await waitForEntries(page, "message", 1);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.close();
    }
  },
});

Deno.test({
  name: "page - a plain tutorial client gets its echo from the server root",
  async fn() {
    const server = await startServer();
    const fixtures = serveFile(TUTORIAL_CLIENT);
    const browser = await launchBrowser();
    try {
      const { page, problems } = await openWatchedPage(browser);
      await page.goto(`${fixtures.origin}/?host=127.0.0.1:${server.port}`);
      const echo = page.locator("#messages li").first();
      await echo.waitFor();
      assert.equal(await echo.textContent(), "Hello from the tutorial");
      assert.equal(await page.locator("#status").textContent(), "open");
      assert.equal(server.app.echo.metrics.messagesIn, 1);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await fixtures.close();
      await server.close();
    }
  },
});
