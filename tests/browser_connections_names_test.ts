import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { MAX_NAME_LENGTH } from "../client/connection_names.ts";
import { startServer } from "./helpers.ts";
import {
  addConnection,
  axeViolations,
  connect,
  launchBrowser,
  openClient,
  typeAndSend,
  waitForEntries,
  waitForLabels,
} from "./browser_helpers.ts";

/** Where screenshots go when set; none are taken otherwise. */
const SHOTS = Deno.env.get("NAMES_SCREENSHOTS");

/** The longest name there may be, of the widest letter. */
const LONG = "W".repeat(MAX_NAME_LENGTH);

/** Renames the selected connection through the Name field. */
async function rename(page: Page, name: string) {
  const field = page.getByLabel("Name", { exact: true });
  await field.fill(name);
  await field.press("Enter");
  await page.waitForFunction(
    (name) =>
      document.querySelector('[role="tab"][aria-selected="true"] .name')
        ?.textContent === name,
    name,
  );
}

/**
 * Each tab whose box leaves the tablist's, or the tablist leaving the
 * column it sits in (which clips it at desktop widths), as `name: boxes`.
 */
function tabsOutside(page: Page) {
  return page.getByRole("tablist").evaluate((list) => {
    const within = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left && inner.right <= outer.right &&
      inner.top >= outer.top && inner.bottom <= outer.bottom;
    // The column scrolls up and down; only its sides clip.
    const column = list.closest(".controls")!.getBoundingClientRect();
    const strip = list.getBoundingClientRect();
    const out = strip.left >= column.left && strip.right <= column.right
      ? []
      : [`tablist: ${strip.right} past the column's ${column.right}`];
    for (const tab of list.querySelectorAll('[role="tab"]')) {
      const box = tab.getBoundingClientRect();
      if (within(box, strip)) continue;
      out.push(`${tab.querySelector(".name")!.textContent}: ${box.right}`);
    }
    return out;
  });
}

/** How far the page scrolls sideways, as the document's scrollWidth. */
function pageWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

for (const [width, height] of [[390, 844], [1280, 800]] as const) {
  Deno.test(`connection names - a ${MAX_NAME_LENGTH}-character name is truncated to fit its tab, lane label and log label, and stays whole for assistive technology, at ${width}x${height}`, async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const { page, problems } = await openClient(browser, server.origin, {
        width,
        height,
      });
      await connect(page);
      await addConnection(page, 2);
      await connect(page);
      await page.getByRole("tab", { name: /^A open/ }).click();
      await rename(page, LONG);
      await typeAndSend(page, "hi");
      await waitForEntries(page, "message", 1);
      await waitForLabels(page);
      await page.waitForSelector(
        `.timeline.lanes .lane[data-name="${LONG}"] .band.s1`,
      );

      assert.ok(
        await pageWidth(page) <= width,
        `scrollWidth ${await pageWidth(page)}`,
      );
      assert.deepEqual(await tabsOutside(page), []);
      // The name is whole in the tab's accessible name and its tooltip.
      const tab = page.getByRole("tab", { name: new RegExp(`^${LONG} open$`) });
      assert.equal(await tab.count(), 1);
      assert.equal(await tab.locator(".name").getAttribute("title"), LONG);

      // The lane's label stops short of its band, where "OPEN" is written.
      const lane = page.locator(`.timeline.lanes .lane[data-name="${LONG}"]`);
      const band = (await lane.locator(".band.s1").first().boundingBox())!;
      const label = page.locator(".timeline.lanes .lane-name").first();
      const labelBox = (await label.boundingBox())!;
      assert.ok(
        labelBox.x + labelBox.width <= band.x,
        `label ${JSON.stringify(labelBox)}, band ${JSON.stringify(band)}`,
      );
      assert.equal(await label.getAttribute("title"), LONG);

      // The log's label keeps to its row: beside the time, inside the entry.
      const entry = page.locator(".log .entry.message").first();
      const box = (await entry.boundingBox())!;
      const from = (await entry.locator(".from").boundingBox())!;
      const time = (await entry.locator("time").boundingBox())!;
      assert.ok(
        Math.abs(from.y - time.y) < time.height &&
          from.x + from.width <= box.x + box.width,
        `label ${JSON.stringify(from)}, time ${JSON.stringify(time)}`,
      );
      assert.equal(await entry.locator(".from").getAttribute("title"), LONG);

      // A typical name fits the Name field whole.
      const field = page.getByLabel("Name", { exact: true });
      await field.fill("subscriber-12");
      assert.ok(
        await field.evaluate((el) => el.scrollWidth <= el.clientWidth),
        "subscriber-12 overflows the Name field",
      );
      await field.fill(LONG);

      assert.deepEqual(await axeViolations(page), []);
      if (SHOTS) {
        await page.screenshot({ path: `${SHOTS}/names-${width}.png` });
        await page.locator(".timeline.lanes").screenshot({
          path: `${SHOTS}/names-lanes-${width}.png`,
        });
        await page.locator(".log").screenshot({
          path: `${SHOTS}/names-log-${width}.png`,
        });
      }
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}

Deno.test("connection names - at 16 connections Add connection and Duplicate say why they are disabled, and every tab stays inside the strip", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await addConnection(page, 2);
    await rename(page, LONG);
    const duplicate = page.getByRole("button", { name: "Duplicate" });
    for (let count = 3; count <= 16; count++) {
      await duplicate.click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('[role="tab"]').length === n,
        count,
      );
    }
    const limit = page.getByText("At most 16 connections");
    await limit.waitFor();
    for (const name of ["Add connection", "Duplicate"]) {
      const button = page.getByRole("button", { name });
      assert.ok(await button.isDisabled(), name);
      // Tied to the explanation, so a screen reader gives it on focus too.
      const describedBy = await button.getAttribute("aria-describedby");
      assert.equal(await limit.getAttribute("id"), describedBy);
    }
    assert.deepEqual(await tabsOutside(page), []);
    assert.ok(await pageWidth(page) <= 1280);
    assert.deepEqual(await axeViolations(page), []);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/names-16.png` });

    // One fewer: the buttons work again and the explanation goes.
    await page.getByRole("button", { name: "Remove" }).click();
    await limit.waitFor({ state: "detached" });
    assert.ok(await duplicate.isEnabled());
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
