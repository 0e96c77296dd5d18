import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Page } from "playwright-core";
import { bytesEqual } from "../client/bytes.ts";
import { startServer } from "./helpers.ts";
import {
  axeViolations,
  connect,
  launchBrowser,
  openClient,
  waitForEntries,
  waitForText,
} from "./browser_helpers.ts";
import { reloadObserved, serveMessages, takeLongTasks } from "./page_load.ts";

const MiB = 1024 * 1024;
/** The bound for a huge message, a paste or a file. */
const MAX_TASK_MS = 500;
const TEXT = "The quick brown fox jumps over the lazy dog 0123456789.\n"
  .repeat(Math.ceil(16 * MiB / 56)).slice(0, 16 * MiB);
const BYTES = Uint8Array.from({ length: 16 * MiB }, (_, i) => (i * 7) & 0xff);

/** Connects to `url` with the URL field, as a person would. */
async function connectTo(page: Page, url: string): Promise<void> {
  await page.getByLabel("URL", { exact: true }).fill(url);
  await connect(page);
}

Deno.test("huge - a 16 MiB message shows its size and first 64 KiB at once, no task over 500 ms", async (t) => {
  const server = await startServer();
  const sender = serveMessages([TEXT, BYTES]);
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await reloadObserved(page);
    await takeLongTasks(page, 0);
    await connectTo(page, sender.url);
    await waitForEntries(page, "message", 2);
    const tasks = await takeLongTasks(page, 500);
    assert.ok(tasks.max < MAX_TASK_MS, `longest task ${tasks.max} ms`);

    const [text, binary] = await page.locator(".log .entry.message").all();
    await t.step(
      "the text: its size, its first 65,536 characters",
      async () => {
        assert.equal(await text.locator(".size").textContent(), "16.0 MiB");
        // The preview is drawn with the entry; its controls load after.
        const shown = await text.locator("pre.detail").allTextContents();
        assert.deepEqual(shown, [TEXT.slice(0, 65536)]);
        assert.equal(
          await text.locator(".more").innerText(),
          "First 65,536 of 16,777,216 characters shown Show all Download",
        );
        assert.equal(await text.locator(".pieces pre.detail").count(), 1);
      },
    );

    await t.step("the bytes: the first 64 KiB as a hex dump", async () => {
      assert.equal(await binary.locator(".size").textContent(), "16.0 MiB");
      const dump = (await binary.locator("pre.detail").textContent())!
        .split("\n");
      assert.equal(dump.length, 4096);
      assert.equal(
        dump[4095],
        "0000fff0  90 97 9e a5 ac b3 ba c1 c8 cf d6 dd e4 eb f2 f9  ................",
      );
      assert.equal(
        await binary.locator(".more").innerText(),
        "First 64.0 KiB of 16.0 MiB shown Show all Download",
      );
    });

    await t.step(
      "no axe-core violations with huge messages shown",
      async () => {
        assert.deepEqual(await axeViolations(page), []);
      },
    );

    await t.step(
      "Show all draws every piece as it scrolls into view",
      async () => {
        await text.getByRole("button", { name: "Show all" }).click();
        const box = text.locator(".pieces");
        await page.waitForFunction(() =>
          document.querySelector(".log .pieces")?.children.length === 256
        );
        assert.equal(
          await text.locator(".more").innerText(),
          "All 16,777,216 characters, drawn as you scroll Download",
        );
        await box.scrollIntoViewIfNeeded();
        await box.evaluate((el) => el.scrollTop = el.scrollHeight);
        const last = box.locator(".piece").last();
        await page.waitForFunction(
          (el) => el!.textContent !== "",
          await last.elementHandle(),
        );
        assert.equal(await last.textContent(), TEXT.slice(255 * 65536));
        const shown = await takeLongTasks(page, 300);
        assert.ok(shown.max < MAX_TASK_MS, `longest task ${shown.max} ms`);
        assert.deepEqual(await axeViolations(page), []);
      },
    );

    await t.step(
      "Download saves the original data: .txt and .bin",
      async () => {
        const [saved] = await Promise.all([
          page.waitForEvent("download"),
          text.getByRole("button", { name: "Download" }).click(),
        ]);
        assert.match(saved.suggestedFilename(), /^message-\d+\.txt$/);
        const got = await Deno.readTextFile(await saved.path());
        assert.ok(got === TEXT, "the downloaded text differs");
        const [savedBytes] = await Promise.all([
          page.waitForEvent("download"),
          binary.getByRole("button", { name: "Download" }).click(),
        ]);
        assert.match(savedBytes.suggestedFilename(), /^message-\d+\.bin$/);
        const bytes = await Deno.readFile(await savedBytes.path());
        assert.ok(bytesEqual(bytes, BYTES), "the downloaded bytes differ");
        const tasks = await takeLongTasks(page, 300);
        assert.ok(tasks.max < MAX_TASK_MS, `longest task ${tasks.max} ms`);
      },
    );
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await sender.close();
    await server.close();
  }
});

/** A server that echoes messages of up to 32 MiB. */
function startBigServer() {
  return startServer({
    maxMessageBytes: 32 * MiB,
    sendHighWaterBytes: 64 * MiB,
  });
}

Deno.test("huge - pasting 16 MiB of text and sending it: no task over 500 ms, nothing big stored", async () => {
  const server = await startBigServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await page.context().grantPermissions(
      ["clipboard-read", "clipboard-write"],
      {
        origin: server.origin,
      },
    );
    await reloadObserved(page);
    await connect(page);
    await page.evaluate(
      (n) => navigator.clipboard.writeText("0123456789abcdef".repeat(n)),
      MiB,
    );
    await takeLongTasks(page, 0);
    await page.getByLabel("Message", { exact: true }).focus();
    await page.keyboard.press("Control+V");
    await waitForText(
      page,
      "#large-draft-size",
      "Pasted text, 16,777,216 characters: too long to edit here, sent as it is.",
    );
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await waitForEntries(page, "message", 1);
    const echo = page.locator(".log .entry.message");
    assert.equal(await echo.locator(".size").textContent(), "16.0 MiB");
    assert.equal(
      await echo.locator(".piece").textContent(),
      "0123456789abcdef".repeat(4096),
    );
    const tasks = await takeLongTasks(page, 500);
    assert.ok(tasks.max < MAX_TASK_MS, `longest task ${tasks.max} ms`);
    // The draft is gone and the textarea is back, empty.
    assert.equal(
      await page.getByLabel("Message", { exact: true }).inputValue(),
      "",
    );
    const stored = await page.evaluate(() =>
      Object.entries(localStorage).map(([k, v]) => k.length + v.length)
        .reduce((a, b) => a + b, 0)
    );
    assert.ok(stored < 1024, `localStorage holds ${stored} characters`);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("huge - choosing a 12 MB file and sending it: no task over 500 ms", async () => {
  const server = await startBigServer();
  const browser = await launchBrowser();
  try {
    const bytes = Uint8Array.from({ length: 12_000_000 }, (_, i) => i & 0xff);
    const { page, problems } = await openClient(browser, server.origin);
    await reloadObserved(page);
    await connect(page);
    await page.getByLabel("Send as").selectOption("file");
    await page.getByLabel("File", { exact: true }).setInputFiles({
      name: "twelve.bin",
      mimeType: "application/octet-stream",
      buffer: Buffer.from(bytes),
    });
    await waitForText(page, "#composer-hint", "twelve.bin, 11.4 MiB");
    // Playwright builds the File from base64 inside the page, a long task
    // of its own; choosing a file from disk costs the page no such task.
    await takeLongTasks(page, 0);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await waitForEntries(page, "message", 1);
    const echo = page.locator(".log .entry.message");
    assert.equal(await echo.locator(".size").textContent(), "11.4 MiB");
    const tasks = await takeLongTasks(page, 500);
    assert.ok(tasks.max < MAX_TASK_MS, `longest task ${tasks.max} ms`);
    const [saved] = await Promise.all([
      page.waitForEvent("download"),
      echo.getByRole("button", { name: "Download" }).click(),
    ]);
    assert.ok(bytesEqual(await Deno.readFile(await saved.path()), bytes));
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
