import assert from "node:assert/strict";
import { startServer } from "./helpers.ts";
import {
  launchBrowser,
  logMessages,
  openClient,
  openRoomPair,
  waitForLabels,
} from "./browser_helpers.ts";

// Send to all open sends the same message from A and B: each gets two equal
// copies, its echo and its sibling's. The server relays them in the order
// it reads them, A's first, as the page sent them.
Deno.test("connections room - Send to all open in one ?room=: each connection times its own echo and labels its sibling's copy room", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await openRoomPair(page, "both");
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
    const all = await logMessages(page);
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
