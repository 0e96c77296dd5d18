import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startServer } from "./helpers.ts";
import {
  addConnection,
  axeViolations,
  connect,
  launchBrowser,
  openClient,
  waitForText,
} from "./browser_helpers.ts";
import { openConnections } from "./page_load.ts";

/** The focused element as `role name`, e.g. `tab B no socket`. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement!;
    return `${el.getAttribute("role") ?? el.tagName.toLowerCase()} ${
      el.textContent!.trim()
    }`;
  });
}

Deno.test("connections panel - Add connection stays at hand and starts on this server's echo URL; the focus goes to the tab selected after adding and removing", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    const url = page.getByLabel("URL", { exact: true });
    await url.fill(`${server.wsOrigin}/api/ws?room=panel`);
    await page.getByLabel("Subprotocols").fill("chat");
    await addConnection(page, 2);
    // The clicked button is gone; B's tab has the focus, B has A's fields.
    await page.waitForFunction(() =>
      document.activeElement?.id.startsWith("connection-tab-")
    );
    assert.equal(await focused(page), "tab B no socket");
    assert.equal(
      await url.inputValue(),
      `${server.wsOrigin}/api/ws?room=panel`,
    );
    // Add connection again: a fresh one, on this server's echo endpoint.
    await addConnection(page, 3);
    assert.equal(await url.inputValue(), `${server.wsOrigin}/api/ws`);
    assert.equal(await page.getByLabel("Subprotocols").inputValue(), "");
    await page.getByRole("button", { name: "Remove" }).click();
    await page.getByRole("button", { name: "Remove" }).click();
    // One left: Remove is disabled, and the focus is on A's tab, not lost.
    assert.ok(await page.getByRole("button", { name: "Remove" }).isDisabled());
    await page.waitForFunction(() =>
      document.activeElement?.getAttribute("role") === "tab"
    );
    assert.equal(await focused(page), "tab A no socket");
    assert.equal(
      await url.inputValue(),
      `${server.wsOrigin}/api/ws?room=panel`,
    );
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("connections panel - Send to all open with none open says so and keeps the message", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await addConnection(page, 2);
    const message = page.getByLabel("Message", { exact: true });
    await message.fill("anyone?");
    await page.getByRole("button", { name: "Send to all open" }).click();
    await waitForText(
      page,
      ".controls > .problem",
      "Not sent: no connection is open; connect one first",
    );
    assert.equal(await message.inputValue(), "anyone?");
    // Once one is open, it sends from that one and the line goes.
    await connect(page);
    await page.getByRole("button", { name: "Send to all open" }).click();
    await page.waitForSelector(".log .entry.message");
    assert.equal(await message.inputValue(), "");
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("connections panel - eight connections at 1280x800: the log stays on the screen above the footer, the timeline scrolls instead", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin, {
      width: 1280,
      height: 800,
    });
    await openConnections(page, `${server.wsOrigin}/api/ws`, 8);
    await page.waitForSelector(".timeline.lanes");
    const log = (await page.getByRole("log").boundingBox())!;
    const footer = (await page.locator("footer").boundingBox())!;
    assert.ok(log.height >= 90, JSON.stringify(log));
    assert.ok(log.y + log.height <= footer.y, JSON.stringify({ log, footer }));
    assert.ok(footer.y + footer.height <= 800, JSON.stringify(footer));
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
