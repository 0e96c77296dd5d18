import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startServer } from "./helpers.ts";
import {
  addConnection,
  axeViolations,
  connect,
  launchBrowser,
  openClient,
  waitForEntries,
} from "./browser_helpers.ts";

/** Puts `text` in the composer as `mode` and saves it as preset `name`. */
async function savePreset(
  page: Page,
  mode: string,
  text: string,
  name: string,
) {
  await page.getByLabel("Send as").selectOption(mode);
  await page.getByLabel("Message", { exact: true }).fill(text);
  await page.getByLabel("Preset name").fill(name);
  await page.getByRole("button", { name: "Save message as preset" }).click();
  await page.getByRole("button", { name: `Send ${name}` }).waitFor();
}

/** The log's send entries as text (binary as hex, as Copy gives it). */
function sends(page: Page): Promise<string[]> {
  return page.locator(".log .entry.send .detail").evaluateAll((items) =>
    items.map((e) => e.textContent!.trim())
  );
}

Deno.test("presets - saved from the composer, sent with a click and with Alt+digit, kept across a reload", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    const panel = page.locator("details.presets-panel");
    assert.equal(await panel.getAttribute("open"), null);
    await page.locator("summary", { hasText: /^Presets$/ }).click();
    await savePreset(page, "text", "hello", "greet");
    await savePreset(page, "json", '{"op": "sub"}', "sub");
    await savePreset(page, "hex", "00 ff", "bin");
    assert.deepEqual(
      JSON.parse(
        await page.evaluate(() => localStorage.getItem("echo-client.presets")!),
      ),
      [
        { name: "greet", send: "hello" },
        { name: "sub", send: { json: { op: "sub" } } },
        { name: "bin", send: { hex: "00 ff" } },
      ],
    );
    assert.equal(
      await page.getByRole("button", { name: "Send bin" }).getAttribute(
        "aria-keyshortcuts",
      ),
      "Alt+3",
    );

    await page.getByRole("button", { name: "Send greet" }).click();
    await page.locator("#preset-hint.problem").waitFor();
    assert.equal(
      await page.locator("#preset-hint").textContent(),
      "Not sent: greet: the socket is not open; connect first",
    );

    await connect(page);
    await page.getByRole("button", { name: "Send greet" }).click();
    await page.keyboard.press("Alt+2");
    await page.keyboard.press("Alt+3");
    await waitForEntries(page, "message", 3);
    // The log shows JSON indented and bytes as a hex dump.
    assert.deepEqual(await sends(page), [
      "hello",
      '{\n  "op": "sub"\n}',
      "00000000  00 ff" + " ".repeat(44) + "..",
    ]);
    assert.equal(await page.locator(".log .entry.send.binary").count(), 1);
    assert.deepEqual(await axeViolations(page), []);

    // Saved presets open their panel on the next load.
    await page.reload();
    await page.waitForSelector(
      '[data-island="EchoClient"][data-hydrated="true"]',
    );
    await page.getByRole("button", { name: "Send bin" }).waitFor();
    assert.equal(await panel.getAttribute("open"), "");
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("presets - one marked on open is sent on every open, after a reconnect too", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await page.locator("summary", { hasText: /^Presets$/ }).click();
    await savePreset(page, "text", "hello", "greet");
    await savePreset(page, "json", '{"op":"sub"}', "sub");
    await page.getByLabel("Send sub on every open").check();
    // The server closes with 4000 after one echo: each open's preset is
    // echoed, then the socket drops and the page reconnects.
    await page.getByLabel("URL", { exact: true }).fill(
      `${server.wsOrigin}/api/ws?close=4000&after=1`,
    );
    await page.getByLabel("Reconnect automatically when the connection drops")
      .check();
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await page.waitForFunction(() =>
      document.querySelectorAll(".log .entry.open").length >= 2 &&
      document.querySelectorAll(".log .entry.message").length >= 2
    );
    await page.getByLabel("Reconnect automatically when the connection drops")
      .uncheck();
    const all = await sends(page);
    assert.ok(all.length >= 2, String(all));
    assert.deepEqual(new Set(all), new Set(['{\n  "op": "sub"\n}']));
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("presets - the open a script run makes sends no preset, so its expectations see only its own echoes", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await page.locator("summary", { hasText: /^Presets$/ }).click();
    await savePreset(page, "text", "preset", "p");
    await page.getByLabel("Send p on every open").check();
    await page.locator("summary", { hasText: /^Script$/ }).click();
    await page.getByLabel("Script (JSON)").fill(JSON.stringify({
      url: `${server.wsOrigin}/api/ws`,
      steps: [{ send: "mine" }, { expect: { equals: "mine" } }],
    }));
    await page.getByRole("button", { name: "Run script" }).click();
    await page.locator('[data-testid="script-result"]', {
      hasText: /^Passed: 2 steps in [0-9]+\.[0-9] ms$/,
    }).waitFor();
    await waitForEntries(page, "message", 1);
    assert.deepEqual(await sends(page), ["mine"]);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("presets - with several connections Alt+digit sends from the selected one, and one marked on open goes out on each as it opens", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await page.locator("summary", { hasText: /^Presets$/ }).click();
    await savePreset(page, "text", "hello", "greet");
    await savePreset(page, "text", "joined", "join");
    await page.getByLabel("Send join on every open").check();
    await connect(page);
    await addConnection(page, 2);
    await connect(page);
    await page.keyboard.press("Alt+1");
    await waitForEntries(page, "send", 3);
    const from = page.locator(".log .entry.send").evaluateAll((els) =>
      els.map((el) =>
        `${el.querySelector(".from")!.textContent} ${
          el.querySelector(".detail")!.textContent!.trim()
        }`
      )
    );
    assert.deepEqual(await from, ["A joined", "B joined", "B hello"]);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
