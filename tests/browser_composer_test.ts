import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { decodeUtf8, encodeBase64, hexDump } from "../client/bytes.ts";
import { startServer } from "./helpers.ts";
import {
  connect,
  launchBrowser,
  openClient,
  openWatchedPage,
  typeAndSend,
  waitForEntries,
} from "./browser_helpers.ts";

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);
const HINT = "#composer-hint";

Deno.test("composer - bad hex, base64 or JSON shows an error and sends nothing", async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await connect(page);
    const message = page.getByLabel("Message", { exact: true });
    const sendButton = page.getByRole("button", { name: "Send", exact: true });
    const cases = [
      ["hex", "48 6g", '"g" is not a hex digit'],
      ["hex", "486", "Hex needs an even number of digits (two per byte)"],
      ["base64", "SGV*", '"*" is not a base64 character'],
      ["json", "{oops", null],
    ] as const;
    for (const [mode, input, error] of cases) {
      await t.step(`${mode} "${input}"`, async () => {
        await page.getByLabel("Send as").selectOption(mode);
        await message.fill(input);
        await message.press("Enter");
        const hint = await page.locator(HINT).textContent() ?? "";
        if (error) assert.equal(hint, error);
        else assert.match(hint, /^Not JSON: /);
        assert.equal(await message.getAttribute("aria-invalid"), "true");
        assert.equal(await sendButton.isDisabled(), true);
        assert.equal(await message.inputValue(), input);
      });
    }

    await t.step(
      "nothing reached the server, and a fixed draft does",
      async () => {
        assert.equal(await page.locator(".log .entry.send").count(), 0);
        assert.equal(server.app.echo.metrics.messagesIn, 0);
        // A good message afterwards proves the bad ones were not just slow.
        await page.getByLabel("Send as").selectOption("base64");
        await typeAndSend(page, "SGk=");
        await waitForEntries(page, "message", 1);
        assert.equal(server.app.echo.metrics.messagesIn, 1);
        assert.equal(server.app.echo.metrics.bytesIn, 2);
        assert.equal(await page.locator(".log .entry.send").count(), 1);
      },
    );
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("composer - a file of every byte value round-trips byte-exact", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await page.context().grantPermissions([
      "clipboard-read",
      "clipboard-write",
    ]);
    await connect(page);
    await page.getByLabel("Send as").selectOption("file");
    await page.getByLabel("File", { exact: true }).setInputFiles({
      name: "all-bytes.bin",
      mimeType: "application/octet-stream",
      buffer: Buffer.from(ALL_BYTES),
    });
    assert.equal(
      await page.locator(HINT).textContent(),
      "all-bytes.bin, 256 B",
    );
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await waitForEntries(page, "message", 1);

    const echo = page.locator(".log .entry.message.binary");
    assert.equal(
      await echo.locator(".hex").textContent(),
      hexDump(ALL_BYTES).join("\n"),
    );
    assert.equal(server.app.echo.metrics.bytesIn, 256);
    // The copied entry carries the payload itself, so compare every byte.
    await echo.getByRole("button", { name: /^Copy message entry/ }).click();
    const copied = JSON.parse(
      await page.evaluate(() => navigator.clipboard.readText()),
    );
    assert.equal(copied.data, encodeBase64(ALL_BYTES));
    assert.equal(copied.encoding, "base64");
    assert.equal(copied.size, 256);
    assert.equal(copied.type, "message");
    assert.equal(copied.direction, "in");
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("composer - received binary can be shown as UTF-8 text", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await connect(page);
    await page.getByLabel("Send as").selectOption("hex");
    const bytes = new TextEncoder().encode("héllo ✓");
    await typeAndSend(page, Array.from(bytes, (b) => b.toString(16)).join(" "));
    await waitForEntries(page, "message", 1);
    const echo = page.locator(".log .entry.message");
    assert.equal(
      await echo.locator(".hex").textContent(),
      hexDump(bytes).join("\n"),
    );
    await page.getByText("Log options").click();
    await page.getByLabel("Binary as").selectOption("text");
    assert.equal(await echo.locator(".utf8").textContent(), decodeUtf8(bytes));
    assert.equal(await echo.locator(".utf8").textContent(), "héllo ✓");
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("composer - JSON mode checks, formats, and the log pretty-prints", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await connect(page);
    await page.getByLabel("Send as").selectOption("json");
    const message = page.getByLabel("Message", { exact: true });
    await message.fill('{"type":"hello","tags":["a","b"]}');
    await page.getByRole("button", { name: "Format" }).click();
    const pretty =
      '{\n  "type": "hello",\n  "tags": [\n    "a",\n    "b"\n  ]\n}';
    assert.equal(await message.inputValue(), pretty);
    await message.fill('{"n":1,"ok":true}');
    await message.press("Enter");
    await waitForEntries(page, "message", 1);
    const echo = page.locator(".log .entry.message .detail");
    assert.equal(await echo.textContent(), '{\n  "n": 1,\n  "ok": true\n}');
    await page.getByText("Log options").click();
    await page.getByLabel("Pretty-print JSON").uncheck();
    assert.equal(await echo.textContent(), '{"n":1,"ok":true}');
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("composer - each echo shows its round-trip time and a summary", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await connect(page);
    assert.equal(await page.getByTestId("rtt-summary").count(), 0);
    for (const text of ["one", "two", "three"]) await typeAndSend(page, text);
    await waitForEntries(page, "message", 3);
    const rtts = await page.locator(".log .entry.message .rtt")
      .allTextContents();
    assert.equal(rtts.length, 3);
    for (const rtt of rtts) assert.match(rtt, /^RTT \d+(\.\d+)? ms$/);
    assert.equal(await page.locator(".log .entry.send .rtt").count(), 0);
    const summary = page.getByTestId("rtt-summary");
    await summary.waitFor();
    assert.match(
      await summary.textContent() ?? "",
      /^RTTlast [\d.]+ ms · median [\d.]+ ms · p99 [\d.]+ ms \(3\)$/,
    );
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("composer - recent URLs and messages survive a reload", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await connect(page);
    await typeAndSend(page, "remember me");
    await waitForEntries(page, "message", 1);
    await page.reload();
    await page.waitForSelector('[data-hydrated="true"]');
    const urls = await page.locator("#recent-urls option").evaluateAll(
      (options) => options.map((o) => (o as HTMLOptionElement).value),
    );
    assert.deepEqual(urls, [`${server.wsOrigin}/api/ws`]);
    await page.getByLabel("Recent messages").selectOption("remember me");
    assert.equal(
      await page.getByLabel("Message", { exact: true }).inputValue(),
      "remember me",
    );
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("composer - Enter before connecting says why nothing was sent", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await typeAndSend(page, "too early");
    assert.equal(
      await page.getByRole("alert").first().textContent(),
      "Not sent: the socket is not open; connect first",
    );
    assert.equal(
      await page.getByLabel("Message", { exact: true }).inputValue(),
      "too early",
    );
    assert.equal(await page.locator(".log .entry").count(), 0);
    assert.equal(server.app.echo.metrics.connectionsTotal, 0);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("composer - Enter pressed the moment the page hydrates still says why nothing was sent", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openWatchedPage(browser);
    // Type and press Enter in the task that hydrates the island, before its
    // effects have started, as a fast typist or a test can.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const island = document.querySelector("[data-hydrated=true]");
        if (!island) return;
        observer.disconnect();
        const box = island.querySelector("textarea")!;
        box.value = "too early";
        box.dispatchEvent(new Event("input", { bubbles: true }));
        box.dispatchEvent(
          new KeyboardEvent("keydown", { key: "Enter", bubbles: true }),
        );
      }).observe(document, { attributes: true, subtree: true });
    });
    await page.goto(`${server.origin}/`);
    await page.waitForSelector("[data-hydrated=true]");
    // Long enough for every effect to have started.
    await page.waitForTimeout(500);
    assert.equal(
      await page.getByRole("alert").first().textContent(),
      "Not sent: the socket is not open; connect first",
    );
  } finally {
    await browser.close();
    await server.close();
  }
});
