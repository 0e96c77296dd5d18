import assert from "node:assert/strict";
import { startServer } from "./helpers.ts";
import {
  axeViolations,
  connect,
  launchBrowser,
  openClient,
  typeAndSend,
  waitForEntries,
} from "./browser_helpers.ts";

Deno.test("a11y - axe-core finds no violation in any state of the page", async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    await t.step("empty, at 1280×800", async () => {
      const { page } = await openClient(browser, server.origin);
      assert.deepEqual(await axeViolations(page), []);
      await page.context().close();
    });

    await t.step("connected with entries, handshake shown", async () => {
      const { page } = await openClient(browser, server.origin);
      await connect(page);
      await typeAndSend(page, '{"hello":"echo"}');
      await typeAndSend(page, "");
      await waitForEntries(page, "message", 2);
      await page.getByText("Handshake", { exact: true }).click();
      await page.getByText("Log options").click();
      assert.deepEqual(await axeViolations(page), []);
      await page.context().close();
    });

    await t.step("phone width with a hex dump and a long line", async () => {
      const { page } = await openClient(browser, server.origin, {
        width: 390,
        height: 844,
      });
      await connect(page);
      await page.getByLabel("Send as").selectOption("hex");
      await typeAndSend(
        page,
        "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10",
      );
      await page.getByLabel("Send as").selectOption("text");
      await typeAndSend(page, "x".repeat(500));
      await waitForEntries(page, "message", 2);
      assert.deepEqual(await axeViolations(page), []);
      await page.context().close();
    });

    await t.step("phone width with every server behaviour on", async () => {
      const { page } = await openClient(browser, server.origin, {
        width: 390,
        height: 844,
      });
      await page.getByText("Server behaviour", { exact: true }).click();
      for (
        const name of [
          "Delay each echo",
          "Refuse the handshake",
          "Close from the server",
          "Push messages",
          "Report the handshake",
        ]
      ) await page.getByLabel(name).check();
      await page.getByLabel("HTTP status").fill("99");
      await page.locator("#behaviour-status-problem").waitFor();
      assert.equal(
        await page.evaluate(() => document.documentElement.scrollWidth),
        390,
      );
      assert.deepEqual(await axeViolations(page), []);
      await page.context().close();
    });
  } finally {
    await browser.close();
    await server.close();
  }
});
