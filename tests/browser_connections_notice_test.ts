import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startServer } from "./helpers.ts";
import {
  addConnection,
  connect,
  launchBrowser,
  openClient,
  typeAndSend,
  waitForText,
} from "./browser_helpers.ts";

/** The notice under the status bar, `""` when there is none. */
async function notice(page: Page): Promise<string> {
  return (await page.locator('.controls > .problem[role="alert"]')
    .textContent())!;
}

/** Selects the tab whose name is `name`. */
async function select(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name: new RegExp(`^${name}`) }).click();
  await page.waitForFunction(
    (name) =>
      document.querySelector('[role="tab"][aria-selected="true"] .name')
        ?.textContent === name,
    name,
  );
}

Deno.test("connections notice - a send or connect notice raised on one connection goes when another is selected", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await connect(page);
    await addConnection(page, 2);
    const notSent = "Not sent: the socket is not open; connect first";

    // B has no socket: Enter in its Message box says so; A's is open.
    await typeAndSend(page, "to B");
    await waitForText(page, ".controls > .problem", notSent);
    // The switch shows at once; the notice goes with the render after it.
    await select(page, "A");
    await waitForText(page, ".controls > .problem", "");
    // Nor does B's notice come back with B.
    await select(page, "B");
    await page.evaluate(() =>
      new Promise((done) =>
        requestAnimationFrame(() => requestAnimationFrame(done))
      )
    );
    assert.equal(await notice(page), "");

    // Both tabs' fields hold "a b" (A's socket opened before), so the
    // fields do not change with the tab and only the switch clears it.
    const subprotocols = page.getByLabel("Subprotocols");
    await select(page, "A");
    await subprotocols.fill("a b");
    await select(page, "B");
    await subprotocols.fill("a b");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    const bad = '"a b" is not a valid subprotocol name';
    await waitForText(page, ".controls > .problem", bad);
    await select(page, "A");
    await waitForText(page, ".controls > .problem", "");
    assert.equal(await subprotocols.inputValue(), "a b");
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
