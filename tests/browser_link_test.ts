import assert from "node:assert/strict";
import { startServer } from "./helpers.ts";
import {
  axeViolations,
  launchBrowser,
  openClient,
  openWatchedPage,
  waitForText,
} from "./browser_helpers.ts";

const SCRIPT =
  '{ "steps": [{ "send": "hi" }, { "expect": { "equals": "hi" } }] }';

Deno.test("session link - Copy link puts the session in a link that restores it without connecting", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await page.context().grantPermissions([
      "clipboard-read",
      "clipboard-write",
    ]);
    const url = `${server.wsOrigin}/api/ws?delay=50`;
    await page.getByLabel("URL", { exact: true }).fill(url);
    await page.getByLabel("Subprotocols").fill("chat, v2");
    await page.locator("summary", { hasText: /^Presets$/ }).click();
    await page.getByLabel("Message", { exact: true }).fill("hello");
    await page.getByLabel("Preset name").fill("greet");
    await page.getByRole("button", { name: "Save message as preset" }).click();
    await page.getByLabel("Send greet on every open").check();
    await page.locator("summary", { hasText: /^Script$/ }).click();
    await page.getByLabel("Script (JSON)").fill(SCRIPT);
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByLabel("Link to this session").waitFor();
    const link = await page.getByLabel("Link to this session").inputValue();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#session=[A-Za-z0-9_-]+$/);
    assert.equal(
      await page.evaluate(() => navigator.clipboard.readText()),
      link,
    );
    assert.equal(
      await page.locator('[data-testid="link-status"]').textContent(),
      `Link copied (${link.length} characters)`,
    );
    assert.deepEqual(await axeViolations(page), []);

    // A new browser context: no localStorage, nothing shared but the link.
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    const errors: string[] = [];
    other.on("pageerror", (error) => errors.push(String(error)));
    const opened = server.app.echo.metrics.connectionsTotal;
    await other.goto(link);
    await waitForText(
      other,
      '[data-testid="link-restore"]',
      "Restored from the link; press Connect to connect.",
    );
    assert.equal(
      await other.getByLabel("URL", { exact: true }).inputValue(),
      url,
    );
    assert.equal(
      await other.getByLabel("Subprotocols").inputValue(),
      "chat, v2",
    );
    await other.getByLabel("Script (JSON)").waitFor();
    assert.equal(await other.getByLabel("Script (JSON)").inputValue(), SCRIPT);
    assert.ok(await other.getByLabel("Send greet on every open").isChecked());
    assert.equal(new URL(other.url()).hash, "");
    assert.equal(
      await other.locator('[data-testid="ready-state"]').textContent(),
      "no socket",
    );
    assert.equal(server.app.echo.metrics.connectionsTotal, opened);
    await other.getByRole("button", { name: "Connect", exact: true }).click();
    await waitForText(other, '[data-testid="ready-state"]', "1 OPEN");
    // The restored preset goes on open; the echo comes 50 ms later.
    await other.waitForFunction(() =>
      document.querySelector(".log .entry.message .detail")?.textContent ===
        "hello"
    );
    assert.deepEqual(errors, []);
    await fresh.close();
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("session link - a link it cannot read says so in one line and the page opens as usual", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openWatchedPage(browser);
    await page.goto(`${server.origin}/#session=not*base64`);
    await waitForText(
      page,
      '[data-testid="link-restore"]',
      "Could not read the link: it is not base64url (was it cut short?)",
    );
    assert.equal(
      await page.getByLabel("URL", { exact: true }).inputValue(),
      `${server.wsOrigin}/api/ws`,
    );
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await waitForText(page, '[data-testid="ready-state"]', "1 OPEN");
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("session link - a session longer than the bound is refused with a message", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await page.locator("summary", { hasText: /^Script$/ }).click();
    const noise = await page.evaluate(() =>
      Array.from(
        crypto.getRandomValues(new Uint8Array(8000)),
        (b) => b.toString(16).padStart(2, "0"),
      ).join("")
    );
    await page.getByLabel("Script (JSON)").fill(noise);
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.locator('[data-testid="link-status"].problem').waitFor();
    assert.match(
      (await page.locator('[data-testid="link-status"]').textContent())!,
      /^Not copied: the link would be \d+ characters, more than 8192; shorten the script or remove presets$/,
    );
    assert.equal(await page.getByLabel("Link to this session").count(), 0);
  } finally {
    await browser.close();
    await server.close();
  }
});
