import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startServer } from "./helpers.ts";
import {
  addConnection,
  axeViolations,
  connect,
  launchBrowser,
  logMessages,
  openClient,
  openRoomPair,
  typeAndSend,
  waitForEntries,
  waitForLabels,
  waitForText,
} from "./browser_helpers.ts";

const COUNT = '[data-testid="log-count"]';

/** Exports the log as shown and reads the download back, line by line. */
async function exportShown(page: Page): Promise<Record<string, unknown>[]> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: /NDJSON$/ }).click(),
  ]);
  const text = await Deno.readTextFile(await download.path());
  assert.ok(text.endsWith("\n"));
  return text.slice(0, -1).split("\n").map((line) => JSON.parse(line));
}

Deno.test("connections log - A and B to the echo: one time order, each entry labelled in its colour, RTT per connection, the Connection filter and an export naming the connection on every line", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await connect(page);
    await typeAndSend(page, "a1");
    await waitForEntries(page, "message", 1);
    await addConnection(page, 2);
    await waitForLabels(page);
    await connect(page);
    await typeAndSend(page, "b1");
    await waitForEntries(page, "message", 2);
    await page.getByRole("tab", { name: /^A/ }).click();
    await typeAndSend(page, "a2");
    await waitForEntries(page, "message", 3);
    assert.deepEqual(await logMessages(page), [
      "A message a1 rtt",
      "B message b1 rtt",
      "A message a2 rtt",
    ]);
    // Every entry is labelled, in time order, its border in its tab's colour.
    const entries = await page.locator(".log .entry").evaluateAll((els) =>
      els.map((el) => ({
        name: el.querySelector(".from")?.textContent,
        time: el.querySelector("time")!.textContent!,
        border: getComputedStyle(el).borderLeftColor,
      }))
    );
    const colours = new Map(
      await page.getByRole("tab").evaluateAll((els) =>
        els.map((
          el,
        ) => [el.querySelector(".name")!.textContent, el.style.color])
      ),
    );
    assert.equal(new Set(colours.values()).size, 2);
    for (const { name, border } of entries) {
      assert.equal(border, colours.get(name ?? "no label"), `${name}`);
    }
    const times = entries.map((e) => e.time);
    assert.deepEqual(times, times.toSorted());
    assert.equal(entries.length, 12);
    await waitForText(page, COUNT, "12 entries");

    const filter = page.locator('select[name="connection"]');
    await filter.selectOption({ label: "A" });
    await waitForText(page, COUNT, "Showing 7 of 12 entries");
    assert.deepEqual(await logMessages(page), [
      "A message a1 rtt",
      "A message a2 rtt",
    ]);
    // The other filters work on the merged list too.
    await page.getByLabel("Search the log").fill("a2");
    await waitForText(page, COUNT, "Showing 2 of 12 entries");
    await page.getByLabel("Search the log").fill("");
    await filter.selectOption({ label: "B" });
    await waitForText(page, COUNT, "Showing 5 of 12 entries");
    assert.deepEqual(await logMessages(page), ["B message b1 rtt"]);
    const onlyB = await exportShown(page);
    assert.equal(onlyB.length, 5);
    assert.ok(onlyB.every((line) => line.connection === "B"));

    await filter.selectOption({ label: "All" });
    await waitForText(page, COUNT, "12 entries");
    const all = await exportShown(page);
    assert.deepEqual(
      all.map((line) => line.connection),
      entries.map((entry) => entry.name),
    );
    assert.deepEqual(
      all.filter((line) => line.type === "message").map((line) =>
        `${line.connection} ${line.data} ${typeof line.rttMs}`
      ),
      ["A a1 number", "B b1 number", "A a2 number"],
    );
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("connections log - A and B in one ?room=: B's delivery of A's message is labelled B and room, and untimed", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await openRoomPair(page, "pair");
    await page.getByRole("tab", { name: /^A/ }).click();
    await typeAndSend(page, "hello bob");
    await waitForLabels(page);
    await page.waitForSelector(".log .entry.room");
    assert.deepEqual(await logMessages(page), [
      "A message hello bob rtt",
      "B room hello bob untimed",
    ]);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("connections log - Keep at most holds on every connection, one added later too; Clear log clears them all", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await connect(page);
    await addConnection(page, 2);
    await waitForLabels(page);
    await connect(page);
    await page.getByText("Log options").click();
    await page.getByLabel("Keep at most (entries)").fill("10");
    await page.getByRole("button", { name: "Duplicate" }).click();
    await connect(page);
    const sendAll = page.getByRole("button", { name: "Send to all open" });
    for (let i = 1; i <= 6; i++) {
      await page.getByLabel("Message", { exact: true }).fill(`m${i}`);
      await sendAll.click();
      await waitForEntries(page, "message", Math.min(3 * i, 15));
    }
    // Each made 3 entries connecting and 12 sending: 5 dropped of each.
    await waitForText(page, COUNT, "30 entries · 15 older dropped");
    const filter = page.locator('select[name="connection"]');
    for (const name of ["A", "B", "C"]) {
      await filter.selectOption({ label: name });
      await waitForText(
        page,
        COUNT,
        "Showing 10 of 30 entries · 15 older dropped",
      );
    }
    // An export of C alone says what C's cap dropped.
    const [first] = await exportShown(page);
    assert.deepEqual(first, { connection: "C", type: "dropped", count: 5 });
    await filter.selectOption({ label: "All" });

    await page.getByRole("button", { name: "Clear log" }).click();
    await waitForText(page, COUNT, "0 entries");
    await waitForText(page, ".log .empty", "No events to show.");
    await page.getByLabel("Message", { exact: true }).fill("after");
    await sendAll.click();
    await waitForText(page, COUNT, "6 entries");
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

for (const [width, height] of [[1280, 800], [390, 844]] as const) {
  Deno.test(`connections log - three connections' log with the Connection filter has no axe-core violations at ${width}x${height}`, async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const { page, problems } = await openClient(browser, server.origin, {
        width,
        height,
      });
      await connect(page);
      await addConnection(page, 2);
      await waitForLabels(page);
      await connect(page);
      await page.getByRole("button", { name: "Duplicate" }).click();
      await connect(page);
      await page.getByLabel("Message", { exact: true }).fill('{"hi":1}');
      await page.getByRole("button", { name: "Send to all open" }).click();
      await waitForEntries(page, "message", 3);
      await page.locator('select[name="connection"]').selectOption({
        label: "All",
      });
      assert.deepEqual(await axeViolations(page), []);
      await page.screenshot({ path: `/tmp/multilog-${width}.png` });
      await page.locator(".workspace").screenshot({
        path: `/tmp/multilog-log-${width}.png`,
      });
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
