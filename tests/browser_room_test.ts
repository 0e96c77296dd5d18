import assert from "node:assert/strict";
import type { Page } from "playwright-core";
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

/** Opens the "Server behaviour" panel and waits for its body to load. */
async function openPanel(page: Page): Promise<void> {
  await page.getByText("Server behaviour", { exact: true }).click();
  await page.getByLabel("Join a room").waitFor();
}

/** The URL field's value, without the origin the test server was given. */
async function urlQuery(page: Page): Promise<string> {
  const url = await page.getByLabel("URL", { exact: true }).inputValue();
  return url.replace(/^ws:\/\/127\.0\.0\.1:\d+/, "");
}

/** The log's messages as `[shown kind, detail, RTT or ""]`. */
function messages(page: Page) {
  return page.locator(".log .entry.message").evaluateAll((items) =>
    items.map((li) => [
      li.querySelector(".kind")!.textContent!,
      li.querySelector(".detail")!.textContent!,
      li.querySelector(".rtt")?.textContent ?? "",
    ])
  );
}

/** A presence notice's fields that do not change from run to run. */
function notice(detail: string): [string, string, number, string] {
  const { room, event, members, member } = JSON.parse(detail);
  return [room, event, members, typeof member];
}

/** Milliseconds in an RTT label such as `RTT 12.3 ms`. */
function rttMs(label: string): number {
  return Number(/^RTT (\d+(?:\.\d+)?) ms$/.exec(label)![1]);
}

Deno.test("room panel - writes room, self=0 and presence=1 into the URL and names a bad room before connecting", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await openPanel(page);
    await page.getByLabel("Join a room").check();
    assert.equal(await urlQuery(page), "/api/ws?room=lobby");
    const room = page.getByLabel("Room", { exact: true });
    await room.fill("a b");
    assert.equal(await urlQuery(page), "/api/ws?room=a+b");
    assert.equal(await room.getAttribute("aria-invalid"), "true");
    assert.equal(
      await page.locator("#behaviour-room-problem").textContent(),
      'room is "a b", expected 1-64 characters of A-Z a-z 0-9 . _ -',
    );
    assert.deepEqual(await axeViolations(page), []);
    await room.fill("game-42");
    assert.equal(await page.locator("#behaviour-room-problem").count(), 0);
    await page.getByLabel("Receive my own messages").uncheck();
    await page.getByLabel("Tell me who joins and leaves").check();
    assert.equal(
      await urlQuery(page),
      "/api/ws?room=game-42&self=0&presence=1",
    );
    assert.deepEqual(await axeViolations(page), []);
    await page.getByLabel("Receive my own messages").check();
    assert.equal(await urlQuery(page), "/api/ws?room=game-42&presence=1");
    // Leaving the room takes its modifiers along: alone, the server refuses them.
    await page.getByLabel("Join a room").uncheck();
    assert.equal(await urlQuery(page), "/api/ws");
    assert.equal(
      await page.getByLabel("Tell me who joins and leaves").count(),
      0,
    );
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("room - another member's message is labelled room and never timed, the page's own echo is, presence notices are labelled", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const b = await openClient(browser, server.origin);
    await openPanel(b.page);
    await b.page.getByLabel("Join a room").check();
    await b.page.getByLabel("Room", { exact: true }).fill("chat");
    await b.page.getByLabel("Tell me who joins and leaves").check();
    await connect(b.page);
    await waitForEntries(b.page, "message", 1);

    // A's echoes wait a second, so what B sends next reaches A while A's
    // own send is pending: matched by order, it would take the echo's RTT.
    const a = await openClient(browser, server.origin);
    await openPanel(a.page);
    await a.page.getByLabel("Delay each echo").check();
    await a.page.getByLabel("Delay (ms)").fill("1000");
    await a.page.getByLabel("Join a room").check();
    await a.page.getByLabel("Room", { exact: true }).fill("chat");
    await connect(a.page);
    await waitForEntries(b.page, "message", 2);

    await typeAndSend(b.page, "theirs");
    await waitForEntries(b.page, "message", 3);
    await typeAndSend(a.page, "mine");
    await waitForEntries(a.page, "message", 2);
    await waitForEntries(b.page, "message", 4);

    const shownA = await messages(a.page);
    assert.deepEqual(shownA.map(([kind, detail]) => [kind, detail]), [
      ["room", "theirs"],
      ["message", "mine"],
    ]);
    assert.equal(shownA[0][2], "");
    assert.ok(rttMs(shownA[1][2]) >= 1000, shownA[1][2]);
    await waitForText(a.page, '[data-testid="rtt-summary"] .count', "(1)");

    const shownB = await messages(b.page);
    assert.deepEqual(shownB.map(([kind]) => kind), [
      "presence",
      "presence",
      "message",
      "room",
    ]);
    assert.deepEqual(notice(shownB[0][1]), ["chat", "join", 1, "string"]);
    assert.deepEqual(notice(shownB[1][1]), ["chat", "join", 2, "string"]);
    assert.deepEqual(shownB.map(([, , rtt]) => rtt !== ""), [
      false,
      false,
      true,
      false,
    ]);
    assert.deepEqual(shownB.slice(2).map(([, detail]) => detail), [
      "theirs",
      "mine",
    ]);
    assert.deepEqual(await axeViolations(b.page), []);

    await a.page.getByRole("button", { name: "Disconnect" }).click();
    await waitForEntries(b.page, "presence", 3);
    const [, leave] = (await messages(b.page))[4];
    assert.deepEqual(notice(leave), ["chat", "leave", 1, "string"]);
    assert.deepEqual([...a.problems, ...b.problems], []);
  } finally {
    await browser.close();
    await server.close();
  }
});
