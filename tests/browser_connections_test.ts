import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startServer } from "./helpers.ts";
import {
  addConnection,
  axeViolations,
  connect,
  launchBrowser,
  openClient,
  openRoomPair,
  typeAndSend,
  waitForEntries,
  waitForLabels,
  waitForText,
} from "./browser_helpers.ts";

/** The tabs as `name state` with whether each is selected. */
function tabs(page: Page) {
  return page.getByRole("tab").evaluateAll((els) =>
    els.map((el) =>
      `${el.querySelector(".name")!.textContent} ${
        el.querySelector(".tab-state")!.textContent
      }${el.getAttribute("aria-selected") === "true" ? " *" : ""}`
    )
  );
}

/** The shown log's messages as `detail`, or `name detail` once labelled. */
function messageTexts(page: Page) {
  return page.locator(".log .entry.message").evaluateAll((els) =>
    els.map((el) =>
      [el.querySelector(".from"), el.querySelector(".detail")]
        .filter((part) => part).map((part) => part!.textContent).join(" ")
    )
  );
}

Deno.test("connections - one connection shows no tabs; Add connection makes A and B, each switched to by click or arrow keys, renamed, sent from alone and all together", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    assert.equal(await page.getByRole("tablist").count(), 0);
    await connect(page);
    await typeAndSend(page, "from A");
    await waitForEntries(page, "message", 1);
    await addConnection(page, 2);
    assert.deepEqual(await tabs(page), ["A open", "B no socket *"]);
    // B starts with A's URL; the log now shows every connection's entries.
    assert.match(
      await page.getByLabel("URL", { exact: true }).inputValue(),
      /^ws:\/\/127\.0\.0\.1:\d+\/api\/ws$/,
    );
    await waitForLabels(page);
    assert.deepEqual(await messageTexts(page), ["A from A"]);
    await connect(page);
    await typeAndSend(page, "from B");
    await waitForEntries(page, "message", 2);
    assert.deepEqual(await messageTexts(page), ["A from A", "B from B"]);
    assert.deepEqual(await tabs(page), ["A open", "B open *"]);

    const name = page.getByLabel("Name", { exact: true });
    await name.fill("A");
    await name.press("Enter");
    await waitForText(
      page,
      ".connection-panel .problem",
      '"A" names another connection',
    );
    await name.fill("bob");
    await name.press("Enter");
    await page.waitForFunction(() =>
      document.querySelector('[role="tab"][aria-selected="true"] .name')
        ?.textContent === "bob"
    );

    // Arrow keys move the selection and focus, as the ARIA tabs pattern has it.
    await page.getByRole("tab", { name: /bob/ }).focus();
    await page.keyboard.press("ArrowRight");
    assert.deepEqual(await tabs(page), ["A open *", "bob open"]);
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      await page.getByRole("tab", { name: /^A/ }).getAttribute("id"),
    );
    // The log is the same whichever is selected; the rename relabels B's.
    await page.waitForSelector(".log .entry.message .from >> text=bob");
    assert.deepEqual(await messageTexts(page), ["A from A", "bob from B"]);
    await page.keyboard.press("End");
    assert.deepEqual(await tabs(page), ["A open", "bob open *"]);
    await page.keyboard.press("Home");
    assert.deepEqual(await tabs(page), ["A open *", "bob open"]);

    await page.getByLabel("Message", { exact: true }).fill("to all");
    await page.getByRole("button", { name: "Send to all open" }).click();
    await waitForEntries(page, "message", 4);
    const texts = await messageTexts(page);
    assert.deepEqual(texts.slice(0, 2), ["A from A", "bob from B"]);
    // Both echoes come back within a millisecond or two, in either order.
    assert.deepEqual(texts.slice(2).toSorted(), ["A to all", "bob to all"]);

    // Duplicate copies the URL; Remove drops the selected one.
    await page.getByRole("button", { name: "Duplicate" }).click();
    assert.deepEqual(await tabs(page), ["A open", "bob open", "B no socket *"]);
    await page.getByRole("button", { name: "Remove" }).click();
    assert.deepEqual(await tabs(page), ["A open", "bob open *"]);
    // Close acts on the selected connection only.
    await page.getByRole("button", { name: "Disconnect" }).click();
    await waitForText(page, '[data-testid="ready-state"]', "3 CLOSED");
    assert.deepEqual(await tabs(page), ["A open", "bob closed *"]);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("connections - A and B in one ?room=: what A sends shows in B's log labelled room", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await openRoomPair(page, "pair");
    await page.getByRole("tab", { name: /^A/ }).click();
    await typeAndSend(page, "hello bob");
    // The log holds both connections': A's echo and B's delivery.
    await waitForEntries(page, "message", 2);
    await page.getByRole("tab", { name: /^B/ }).click();
    await page.waitForSelector(".log .entry.message.room");
    // B alone: the log's filter by connection.
    await page.locator('select[name="connection"]').selectOption({
      label: "B",
    });
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="log-count"]')!.textContent!
        .startsWith("Showing")
    );
    assert.deepEqual(
      await page.locator(".log .entry.message").evaluateAll((els) =>
        els.map((el) => [
          el.querySelector(".kind")!.textContent,
          el.querySelector(".detail")!.textContent,
          el.querySelector(".rtt")?.textContent ?? "",
        ])
      ),
      [["room", "hello bob", ""]],
    );
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("connections - one connection's log has no label and no Connection filter, and neither stays once B is removed", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await connect(page);
    await typeAndSend(page, "solo");
    await waitForEntries(page, "message", 1);
    const filter = page.locator('select[name="connection"]');
    assert.equal(await filter.count(), 0);
    assert.equal(await page.locator(".log .from").count(), 0);
    await addConnection(page, 2);
    await waitForLabels(page);
    assert.equal(await filter.count(), 1);
    await page.getByRole("button", { name: "Remove" }).click();
    await page.waitForSelector(".log .entry:not(.labelled)");
    assert.equal(await filter.count(), 0);
    assert.equal(await page.locator(".log .from").count(), 0);
    assert.deepEqual(await messageTexts(page), ["solo"]);
    await waitForText(page, '[data-testid="log-count"]', "5 entries");
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("connections - a name typed while the selected connection receives 100 pushes a second stays until Enter renames", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await addConnection(page, 2);
    const url = page.getByLabel("URL", { exact: true });
    await url.fill(`${await url.inputValue()}?push=10&count=300`);
    await connect(page);
    await page.waitForSelector(".log .entry.message");
    const name = page.getByLabel("Name", { exact: true });
    await name.fill("busy");
    // The page redraws at every flush of B's log meanwhile.
    await page.waitForTimeout(400);
    assert.equal(await name.inputValue(), "busy");
    await name.press("Enter");
    await page.getByRole("tab", { name: /^busy open/ }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

for (const [width, height] of [[1280, 800], [390, 844]] as const) {
  Deno.test(`connections - three connections have no axe-core violations at ${width}x${height}`, async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const { page, problems } = await openClient(browser, server.origin, {
        width,
        height,
      });
      await connect(page);
      await addConnection(page, 2);
      await connect(page);
      await page.getByRole("button", { name: "Duplicate" }).click();
      assert.deepEqual(await tabs(page), ["A open", "B open", "C no socket *"]);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
