import assert from "node:assert/strict";
import type { Download } from "playwright-core";
import { startServer } from "./helpers.ts";
import {
  connect,
  launchBrowser,
  openClient,
  typeAndSend,
  waitForEntries,
  waitForText,
} from "./browser_helpers.ts";

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The downloaded NDJSON, parsed line by line with `time` checked and cut. */
async function readExport(download: Download): Promise<unknown[]> {
  assert.match(
    download.suggestedFilename(),
    /^echo-session-\d{8}-\d{6}\.ndjson$/,
  );
  const text = await Deno.readTextFile(await download.path());
  assert.ok(text.endsWith("\n"));
  return text.slice(0, -1).split("\n").map((line) => {
    const { time, ...rest } = JSON.parse(line);
    if (time !== undefined) assert.match(time, ISO_TIME);
    // RTTs vary from run to run; that there is one is checked elsewhere.
    delete rest.rttMs;
    if (rest.type === "state") {
      rest.data = rest.data.replace(/after [\d.]+ ms/, "after … ms");
    }
    return rest;
  });
}

Deno.test("log - filter by direction, type and text, then export what is shown", async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await connect(page);
    await typeAndSend(page, "alpha");
    await typeAndSend(page, "beta");
    await waitForEntries(page, "message", 2);
    const count = '[data-testid="log-count"]';
    const exportButton = page.getByRole("button", { name: /NDJSON$/ });

    await t.step(
      "export without a filter holds the whole session",
      async () => {
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          exportButton.click(),
        ]);
        assert.deepEqual(await readExport(download), [
          {
            type: "state",
            direction: "none",
            data: "new WebSocket()",
            encoding: "text",
            state: 0,
          },
          {
            type: "state",
            direction: "none",
            data: "open event, after … ms in CONNECTING",
            encoding: "text",
            state: 1,
          },
          {
            type: "open",
            direction: "none",
            data: `Connected to ${server.wsOrigin}/api/ws, no protocol`,
            encoding: "text",
          },
          {
            type: "send",
            direction: "out",
            size: 5,
            data: "alpha",
            encoding: "text",
          },
          {
            type: "message",
            direction: "in",
            size: 5,
            data: "alpha",
            encoding: "text",
          },
          {
            type: "send",
            direction: "out",
            size: 4,
            data: "beta",
            encoding: "text",
          },
          {
            type: "message",
            direction: "in",
            size: 4,
            data: "beta",
            encoding: "text",
          },
        ]);
      },
    );

    await t.step("direction", async () => {
      await page.getByLabel("Direction").selectOption("in");
      await waitForText(page, count, "Showing 2 of 7 entries");
      assert.deepEqual(
        await page.locator(".log .entry .kind").allTextContents(),
        ["message", "message"],
      );
      await page.getByLabel("Direction").selectOption("all");
    });

    await t.step("event type", async () => {
      await page.getByText("Log options").click();
      await page.getByLabel("message", { exact: true }).uncheck();
      await page.getByLabel("send", { exact: true }).uncheck();
      await waitForText(page, count, "Showing 3 of 7 entries");
      assert.deepEqual(
        await page.locator(".log .entry .kind").allTextContents(),
        ["state", "state", "open"],
      );
      await page.getByLabel("message", { exact: true }).check();
      await page.getByLabel("send", { exact: true }).check();
      await waitForText(page, count, "7 entries");
    });

    await t.step("search, then export exactly what is shown", async () => {
      await page.getByLabel("Search the log").fill("BET");
      await page.getByLabel("Direction").selectOption("out");
      await waitForText(page, count, "Showing 1 of 7 entries");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        exportButton.click(),
      ]);
      assert.deepEqual(await readExport(download), [
        {
          type: "send",
          direction: "out",
          size: 4,
          data: "beta",
          encoding: "text",
        },
      ]);
    });
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("log - keeps at most the configured entries and counts the dropped", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await page.getByText("Log options").click();
    const cap = page.getByLabel("Keep at most (entries)");
    await cap.fill("5");
    assert.equal(
      await page.locator("#cap-error").textContent(),
      'Keep "5" entries? Use a whole number from 10 to 10000',
    );
    assert.equal(await cap.getAttribute("aria-invalid"), "true");
    await cap.fill("10");
    await connect(page);
    for (let i = 1; i <= 8; i++) await typeAndSend(page, `m${i}`);
    // 2 states + open + 8 sends + 8 echoes = 19 entries; the oldest 9 go.
    await waitForText(
      page,
      '[data-testid="log-count"]',
      "10 entries · 9 older dropped",
    );
    assert.equal(await page.locator(".log .entry").count(), 10);
    assert.equal(
      await page.locator(".log .entry .detail").first().textContent(),
      "m4",
    );
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /NDJSON$/ }).click(),
    ]);
    const lines = (await Deno.readTextFile(await download.path())).split("\n");
    assert.equal(lines[0], '{"type":"dropped","count":9}');
    assert.equal(lines.length, 12);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("log - autoscroll pauses while the reader is scrolled up", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await connect(page);
    for (let i = 1; i <= 20; i++) await typeAndSend(page, `line ${i}`);
    await waitForEntries(page, "message", 20);
    const log = page.getByRole("log");
    const atBottom = () =>
      log.evaluate((ol) =>
        ol.scrollTop + ol.clientHeight >= ol.scrollHeight - 8
      );
    assert.equal(await atBottom(), true);

    await log.evaluate((ol) => ol.scrollTo({ top: 0 }));
    const jump = page.getByRole("button", { name: /Jump to latest/ });
    await jump.waitFor();
    await typeAndSend(page, "while scrolled up");
    await waitForEntries(page, "message", 21);
    assert.equal(await log.evaluate((ol) => ol.scrollTop), 0);

    await jump.click();
    assert.equal(await atBottom(), true);
    await typeAndSend(page, "following again");
    await waitForEntries(page, "message", 22);
    assert.equal(await atBottom(), true);
    assert.equal(await jump.count(), 0);
  } finally {
    await browser.close();
    await server.close();
  }
});
