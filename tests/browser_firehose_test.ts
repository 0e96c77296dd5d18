import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startServer } from "./helpers.ts";
import {
  connect,
  launchBrowser,
  openClient,
  waitForText,
} from "./browser_helpers.ts";
import {
  percentile,
  reloadObserved,
  startFirehose,
  takeLongTasks,
  typingLatencies,
} from "./page_load.ts";

/** The load: 5,000 messages a second for 30 s. */
const RATE = 5000;
const SECONDS = 30;
/** The bound on a main-thread task under that load. */
const MAX_TASK_MS = 200;

/** The `push` number of the entry at the log's top edge, and where it is. */
function entryAtTop(page: Page): Promise<{ push: number; y: number }> {
  return page.getByRole("log").evaluate((log) => {
    const box = log.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + 40, box.top + 12);
    const entry = hit?.closest(".entry")!;
    const push = Number(entry.textContent!.match(/"push": (\d+)/)![1]);
    return { push, y: entry.getBoundingClientRect().top };
  });
}

Deno.test("firehose - at 5,000 messages/s for 30 s the page answers, keeps its cap and the reader's place", async (t) => {
  const server = await startServer();
  const hose = startFirehose({ rate: RATE, forMs: SECONDS * 1000 });
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await reloadObserved(page);
    await page.getByLabel("URL", { exact: true }).fill(hose.url);
    await takeLongTasks(page, 0);
    await connect(page);

    await t.step("the composer shows each key at once", async () => {
      await page.getByLabel("Message", { exact: true }).focus();
      const latencies = await typingLatencies(page, "typing at 5k/s", 100);
      assert.equal(
        await page.getByLabel("Message", { exact: true }).inputValue(),
        "typing at 5k/s",
      );
      const worst = Math.max(...latencies);
      assert.ok(worst < MAX_TASK_MS, `slowest key ${worst} ms`);
      assert.ok(percentile(latencies, 0.5) < 50);
    });

    await t.step(
      "scrolled up, the entry the reader looks at stays put",
      async () => {
        const box = (await page.getByRole("log").boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.wheel(0, -600);
        await page.getByRole("button", { name: /Jump to latest/ }).waitFor();
        await page.waitForTimeout(300);
        const before = await entryAtTop(page);
        await page.waitForTimeout(3000);
        assert.deepEqual(await entryAtTop(page), before);
        const jump = page.getByRole("button", { name: /Jump to latest/ });
        assert.match(
          (await jump.textContent())!,
          /^Autoscroll paused · \d+ newer · Jump to latest$/,
        );
        await jump.click();
        await jump.waitFor({ state: "detached" });
      },
    );

    await t.step(
      "no main-thread task over 200 ms, and the cap holds",
      async () => {
        await hose.done;
        assert.equal(hose.sent, RATE * SECONDS);
        // Three entries come before the first message: CONNECTING, OPEN, open.
        await waitForText(
          page,
          '[data-testid="log-count"]',
          `1000 entries · ${hose.sent + 3 - 1000} older dropped`,
        );
        const tasks = await takeLongTasks(page, 300);
        assert.ok(tasks.max < MAX_TASK_MS, `longest task ${tasks.max} ms`);
        assert.equal(await page.locator(".log .entry").count(), 200);
        const last = page.locator(".log .entry").last();
        assert.match(
          (await last.textContent())!,
          new RegExp(`"push": ${hose.sent}\\b`),
        );
      },
    );
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await hose.close();
    await server.close();
  }
});
