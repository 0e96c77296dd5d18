import assert from "node:assert/strict";
import { startServer } from "./helpers.ts";
import {
  connect,
  launchBrowser,
  openClient,
  typeAndSend,
  waitForEntries,
} from "./browser_helpers.ts";

/** How far the log's view is from its bottom, in CSS pixels. */
function gapBelow(page: import("playwright-core").Page): Promise<number> {
  return page.evaluate(() => {
    const log = document.querySelector(".log")!;
    return log.scrollHeight - log.scrollTop - log.clientHeight;
  });
}

// At phone width the log is below the fold while messages come: entries off
// screen are laid out at an estimated height (content-visibility) and take
// their real one once scrolled into view, which moves the bottom away
// without a scroll event.
Deno.test("log - at 390x844 a log scrolled into view after it filled shows its newest entry", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin, {
      width: 390,
      height: 844,
    });
    await connect(page);
    for (let i = 1; i <= 6; i++) {
      await typeAndSend(page, `hello number ${i} with a line long enough`);
      await waitForEntries(page, "message", i);
    }
    await page.locator(".log").scrollIntoViewIfNeeded();
    await page.locator(".log .entry").last().waitFor();
    // The entries take their real height within a frame or two of coming
    // into view; half a second leaves room for a slow machine.
    await page.waitForTimeout(500);
    // Without following the list, the gap stays; on a slow machine the
    // entries' real heights may take a few frames more.
    await page.waitForFunction(
      () => {
        const log = document.querySelector(".log")!;
        return log.scrollHeight - log.scrollTop - log.clientHeight <= 8;
      },
      undefined,
      { timeout: 5000 },
    ).catch(() => {});
    assert.ok(await gapBelow(page) <= 8, `${await gapBelow(page)} px below`);
    assert.equal(
      await page.getByRole("button", { name: /Jump to latest/ }).count(),
      0,
    );
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
