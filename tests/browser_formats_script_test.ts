import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startServer } from "./helpers.ts";
import { launchBrowser, openClient } from "./browser_helpers.ts";
import { requireForeignCodecs, startForeignPeer } from "./format_peer.ts";

const SCRIPT = new URL("./fixtures/formats.script.json", import.meta.url);
const RESULT = '[data-testid="script-result"]';

/** Opens the Script panel, fills in `script` and runs it; returns the last line. */
async function runInPage(page: Page, script: unknown): Promise<string> {
  await page.locator("summary", { hasText: /^Script$/ }).click();
  const editor = page.getByLabel("Script (JSON)");
  await editor.fill(JSON.stringify(script));
  await page.getByRole("button", { name: "Run script" }).click();
  await page.waitForFunction(
    (selector) => {
      const text = document.querySelector(selector)?.textContent ?? "";
      return text !== "" && text !== "Running…";
    },
    RESULT,
    { timeout: 30_000 },
  );
  return (await page.locator(RESULT).textContent()) ?? "";
}

Deno.test("formats script - the page runs a script in all three formats against a foreign peer", async () => {
  await requireForeignCodecs();
  const peer = await startForeignPeer();
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    const script = JSON.parse(await Deno.readTextFile(SCRIPT));
    const result = await runInPage(page, { ...script, url: peer.url });
    assert.match(result, /^Passed: 12 steps in [0-9.]+ ms$/);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
    await peer.close();
  }
});

Deno.test("formats script - an unknown message type is not run, in the command's words", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    const result = await runInPage(page, {
      proto: 'syntax = "proto3"; message Point { int32 x = 1; }',
      steps: [{ send: { protobuf: { type: "Pt", value: {} } } }],
    });
    assert.equal(
      result,
      `Not run: steps[0].send.protobuf.type: "Pt" is not a message in the schema; it has Point`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
});
