import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startServer } from "./helpers.ts";
import {
  axeViolations,
  launchBrowser,
  openClient,
  waitForText,
} from "./browser_helpers.ts";

/** The tabs as `name state`, ` *` marking the selected one. */
function tabs(page: Page) {
  return page.getByRole("tab").evaluateAll((els) =>
    els.map((el) =>
      `${el.querySelector(".name")!.textContent} ${
        el.querySelector(".tab-state")!.textContent
      }${el.getAttribute("aria-selected") === "true" ? " *" : ""}`
    )
  );
}

/** The connect form's fields: URL, subprotocols, reconnect. */
async function fields(page: Page) {
  return [
    await page.getByLabel("URL", { exact: true }).inputValue(),
    await page.getByLabel("Subprotocols").inputValue(),
    await page.getByLabel(/^Reconnect automatically/).isChecked(),
  ];
}

/** Fills the selected connection's name and fields. */
async function fill(
  page: Page,
  name: string,
  [url, protocols, reconnect]: [string, string, boolean],
) {
  const field = page.getByLabel("Name", { exact: true });
  await field.fill(name);
  await field.press("Enter");
  await page.getByLabel("URL", { exact: true }).fill(url);
  await page.getByLabel("Subprotocols").fill(protocols);
  await page.getByLabel(/^Reconnect automatically/).setChecked(reconnect);
}

/** Makes three tabs: the page's A, then B, then C (Duplicate). */
async function threeTabs(page: Page) {
  await page.getByRole("button", { name: "Add connection" }).click();
  await page.getByRole("tab").nth(1).waitFor();
  await page.getByRole("button", { name: "Duplicate" }).click();
  await page.getByRole("tab").nth(2).waitFor();
}

Deno.test("connections link - Copy link with three connections restores three tabs with the same names and fields, none connected", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await page.context().grantPermissions(["clipboard-write"]);
    const ws = `${server.wsOrigin}/api/ws`;
    const settings: [string, [string, string, boolean]][] = [
      ["alice", [`${ws}?room=lobby`, "chat", false]],
      ["bob", [`${ws}?room=lobby&self=0`, "v2, v3", true]],
      ["carol", [`${ws}?delay=50`, "", false]],
    ];
    await threeTabs(page);
    for (const [i, [name, values]] of settings.entries()) {
      await page.getByRole("tab").nth(i).click();
      await fill(page, name, values);
    }
    // Bob's fields are only in the form when the link is made.
    await page.getByRole("tab", { name: /^bob/ }).click();
    assert.deepEqual(await fields(page), settings[1][1]);
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByLabel("Link to this session").waitFor();
    const link = await page.getByLabel("Link to this session").inputValue();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#session=[A-Za-z0-9_-]+$/);
    assert.deepEqual(await axeViolations(page), []);

    // A new browser context: nothing shared but the link.
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
    await other.getByRole("tab").nth(2).waitFor();
    assert.deepEqual(await tabs(other), [
      "alice no socket",
      "bob no socket *",
      "carol no socket",
    ]);
    assert.deepEqual(await fields(other), settings[1][1]);
    for (const [i, [name, values]] of settings.entries()) {
      await other.getByRole("tab").nth(i).click();
      assert.equal(
        await other.getByLabel("Name", { exact: true }).inputValue(),
        name,
      );
      assert.deepEqual(await fields(other), values);
    }
    assert.equal(new URL(other.url()).hash, "");
    assert.equal(server.app.echo.metrics.connectionsTotal, opened);
    assert.deepEqual(await axeViolations(other), []);
    // Connect acts on the selected tab alone.
    await other.getByRole("button", { name: "Connect", exact: true }).click();
    await waitForText(other, '[data-testid="ready-state"]', "1 OPEN");
    assert.deepEqual(await tabs(other), [
      "alice no socket",
      "bob no socket",
      "carol open *",
    ]);
    assert.deepEqual(errors, []);
    await other.getByRole("button", { name: "Disconnect" }).click();
    await waitForText(other, '[data-testid="ready-state"]', "3 CLOSED");
    await fresh.close();
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("connections link - a link with several connections longer than the bound is refused with the same message", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await threeTabs(page);
    // Random hex hardly compresses: in B's URL, which the form does not
    // show while A is selected, it is only in the link as B's.
    const noise = await page.evaluate(() =>
      Array.from(
        crypto.getRandomValues(new Uint8Array(7000)),
        (b) => b.toString(16).padStart(2, "0"),
      ).join("")
    );
    await page.getByRole("tab").nth(1).click();
    const url = page.getByLabel("URL", { exact: true });
    await url.fill(`${await url.inputValue()}?n=${noise}`);
    await page.getByRole("tab").nth(0).click();
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.locator('[data-testid="link-status"].problem').waitFor();
    assert.match(
      (await page.locator('[data-testid="link-status"]').textContent())!,
      /^Not copied: the link would be \d+ characters, more than 8192; shorten the script or remove presets$/,
    );
    assert.equal(await page.getByLabel("Link to this session").count(), 0);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
