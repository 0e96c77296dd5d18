import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { CODE_TARGETS, sessionCode } from "../client/session_code.ts";
import { startServer } from "./helpers.ts";
import {
  axeViolations,
  connect,
  launchBrowser,
  openClient,
  typeAndSend,
  waitForEntries,
  waitForText,
} from "./browser_helpers.ts";

const CODE = '[data-testid="code"]';
const STATUS = '[data-testid="code-status"]';
const TEXT = `it's "quoted" \\ $HOME \`x\` é 😀`;

/** Opens the Code disclosure and waits for its tabs to load. */
async function openCodeView(page: Page): Promise<void> {
  await page.locator("summary", { hasText: /^Code$/ }).click();
  await page.getByRole("tablist", { name: "Language" }).waitFor();
}

/** The code the selected tab shows. */
async function shownCode(page: Page): Promise<string> {
  return (await page.locator(CODE).textContent()) ?? "";
}

Deno.test("code view - shows what the page did as a program per tab, copies it, runs in the browser and passes axe", async () => {
  const server = await startServer({ subprotocols: ["chat"] });
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await page.context().grantPermissions([
      "clipboard-read",
      "clipboard-write",
    ]);
    const url = `${server.wsOrigin}/api/ws?delay=1&tag=a%26b`;
    await page.getByLabel("URL", { exact: true }).fill(url);
    await page.getByLabel("Subprotocols").fill("chat");
    await connect(page);
    await typeAndSend(page, TEXT);
    await page.getByLabel("Send as").selectOption("hex");
    await typeAndSend(page, "00 ff 10");
    await waitForEntries(page, "message", 2);
    await page.getByLabel("Close code").fill("4000");
    await page.getByLabel("Reason").fill("bye");
    await page.getByRole("button", { name: "Close", exact: true }).click();
    await waitForText(page, '[data-testid="ready-state"]', "3 CLOSED");

    await openCodeView(page);
    const session = {
      url,
      protocols: ["chat"],
      messages: [TEXT, new Uint8Array([0x00, 0xff, 0x10])],
      close: { code: 4000, reason: "bye" },
      notes: [],
    };
    for (const { id, label } of CODE_TARGETS) {
      await page.getByRole("tab", { name: label, exact: true }).click();
      assert.equal(await shownCode(page), sessionCode(id, session), id);
    }

    // Arrow keys move between tabs, as the ARIA tabs pattern has it.
    await page.getByRole("tab", { name: "Browser" }).click();
    await page.keyboard.press("ArrowRight");
    assert.equal(
      await page.getByRole("tab", { selected: true }).textContent(),
      "Deno",
    );
    await page.keyboard.press("End");
    assert.equal(
      await page.getByRole("tab", { selected: true }).textContent(),
      "wscat",
    );

    await page.getByRole("tab", { name: "Browser" }).click();
    await page.getByRole("button", { name: "Copy Browser code" }).click();
    await waitForText(page, STATUS, "Copied");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, sessionCode("browser", session));

    assert.deepEqual(await axeViolations(page), []);

    // The browser program, run in this page, prints the documented lines.
    const lines: string[] = [];
    const done = new Promise<void>((resolve) =>
      page.on("console", (message) => {
        lines.push(message.text());
        if (message.text().startsWith("close:")) resolve();
      })
    );
    await page.evaluate(`(() => {\n${copied}\n})()`);
    await done;
    const expected = [
      `text: ${TEXT}`,
      "binary: 00ff10",
      "close: 4000 bye",
    ];
    assert.deepEqual(lines, expected);

    // Open, the view follows the page: a new socket starts over.
    await connect(page);
    await page.getByLabel("Send as").selectOption("text");
    await typeAndSend(page, "again");
    await page.waitForFunction(
      (selector) =>
        document.querySelector(selector)?.textContent?.includes('"again"'),
      CODE,
    );
    assert.equal(
      await shownCode(page),
      sessionCode("browser", {
        ...session,
        messages: ["again"],
        close: undefined,
      }),
    );
    assert.deepEqual(problems, []);
    await page.context().close();
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("code view - the script in the Script panel as code: its sends, repeats unrolled, and its close", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await page.locator("summary", { hasText: /^Script$/ }).click();
    await page.getByLabel("Script (JSON)").fill(JSON.stringify({
      url: `${server.wsOrigin}/api/ws`,
      steps: [
        { send: "hi" },
        { repeat: { times: 2, steps: [{ send: { hex: "0102" } }] } },
        { close: { code: 1000, reason: "done" } },
      ],
    }));
    await openCodeView(page);
    await page.getByLabel("The script in the Script panel").check();
    await page.getByRole("tab", { name: "Python (websockets)" }).click();
    const code = await shownCode(page);
    assert.equal(
      code,
      sessionCode("python", {
        url: `${server.wsOrigin}/api/ws`,
        protocols: [],
        messages: ["hi", new Uint8Array([1, 2]), new Uint8Array([1, 2])],
        close: { code: 1000, reason: "done" },
        notes: [],
      }),
    );

    // A script that does not parse says why, and there is nothing to copy.
    await page.getByLabel("Script (JSON)").fill("{");
    await page.getByText(/^No code for the script: /).waitFor();
    assert.equal(
      await page.getByRole("button", { name: /^Copy .* code$/ }).isDisabled(),
      true,
    );
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await page.context().close();
  } finally {
    await browser.close();
    await server.close();
  }
});
