import assert from "node:assert/strict";
import {
  connect,
  launchBrowser,
  openClient,
  waitForText,
} from "./browser_helpers.ts";
import { startServer } from "./helpers.ts";

const STATE = '[data-testid="ready-state"]';
const PROTOCOL = '[data-testid="protocol"]';

Deno.test("status - readyState and the selected protocol change in the same render", async () => {
  const server = await startServer({ subprotocols: ["chat"] });
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await page.getByLabel("Subprotocols").fill("chat");
    // Every state of the status line the page ever renders, from now on:
    // a mutation observer's callback runs after each render, before paint.
    await page.evaluate(([stateSel, protocolSel]) => {
      const seen: string[] = [];
      const read = () => {
        const state = document.querySelector(stateSel)?.textContent;
        const protocol = document.querySelector(protocolSel)?.textContent;
        const line = `${state} | ${protocol}`;
        if (seen.at(-1) !== line) seen.push(line);
      };
      read();
      new MutationObserver(read).observe(document.querySelector(".status")!, {
        subtree: true,
        childList: true,
        characterData: true,
      });
      Object.assign(globalThis, { statusSeen: seen });
    }, [STATE, PROTOCOL]);
    await connect(page);
    await waitForText(page, PROTOCOL, "chat");
    const seen = await page.evaluate(() =>
      (globalThis as unknown as { statusSeen: string[] }).statusSeen
    );
    assert.deepEqual(seen, [
      "no socket | none",
      "0 CONNECTING | none",
      "1 OPEN | chat",
    ]);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
