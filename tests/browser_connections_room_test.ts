import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startServer } from "./helpers.ts";
import {
  addConnection,
  connect,
  launchBrowser,
  openClient,
  waitForLabels,
} from "./browser_helpers.ts";

/** The log's messages as `name kind text rtt|untimed`, in the log's order. */
function messages(page: Page): Promise<string[]> {
  return page.locator(".log .entry.message").evaluateAll((els) =>
    els.map((el) =>
      `${el.querySelector(".from")?.textContent ?? "-"} ${
        el.querySelector(".kind")!.textContent
      } ${el.querySelector(".detail")!.textContent} ${
        el.querySelector(".rtt") ? "rtt" : "untimed"
      }`
    )
  );
}

// Send to all open sends the same message from A and B: each gets two equal
// copies, its echo and its sibling's. The server relays them in the order
// it reads them, A's first, as the page sent them.
Deno.test("connections room - Send to all open in one ?room=: each connection times its own echo and labels its sibling's copy room", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    const url = page.getByLabel("URL", { exact: true });
    await url.fill(`${await url.inputValue()}?room=both`);
    await connect(page);
    await addConnection(page, 2);
    await connect(page);
    const message = page.getByLabel("Message", { exact: true });
    const sendToAll = page.getByRole("button", { name: "Send to all open" });
    for (const [i, text] of ["m1", "m2", "m3"].entries()) {
      await message.fill(text);
      await sendToAll.click();
      await page.waitForFunction(
        (n) => document.querySelectorAll(".log .entry.message").length === n,
        4 * (i + 1),
      );
    }
    await waitForLabels(page);
    const all = await messages(page);
    const of = (name: string) => all.filter((m) => m.startsWith(`${name} `));
    assert.deepEqual(of("A"), [
      "A message m1 rtt",
      "A room m1 untimed",
      "A message m2 rtt",
      "A room m2 untimed",
      "A message m3 rtt",
      "A room m3 untimed",
    ]);
    assert.deepEqual(of("B"), [
      "B room m1 untimed",
      "B message m1 rtt",
      "B room m2 untimed",
      "B message m2 rtt",
      "B room m3 untimed",
      "B message m3 rtt",
    ]);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
