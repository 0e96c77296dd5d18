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

const STATE = '[data-testid="ready-state"]';

/** Opens the "Server behaviour" panel and waits for its body to load. */
async function openPanel(page: Page): Promise<void> {
  await page.getByText("Server behaviour", { exact: true }).click();
  await page.getByLabel("Delay each echo").waitFor();
}

/** The URL field's value, without the origin the test server was given. */
async function urlQuery(page: Page): Promise<string> {
  const url = await page.getByLabel("URL", { exact: true }).inputValue();
  return url.replace(/^ws:\/\/127\.0\.0\.1:\d+/, "");
}

/** The log's entries of `kind` as `[shown kind, detail, RTT or ""]`. */
function entries(page: Page, kind: string) {
  return page.locator(`.log .entry.${kind}`).evaluateAll((items) =>
    items.map((li) => [
      li.querySelector(".kind")!.textContent!,
      li.querySelector(".detail")!.textContent!,
      li.querySelector(".rtt")?.textContent ?? "",
    ])
  );
}

Deno.test("behaviour panel - each control writes its parameter into the URL", async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await openPanel(page);

    await t.step("switching one on adds it with a default", async () => {
      await page.getByLabel("Delay each echo").check();
      assert.equal(await urlQuery(page), "/api/ws?delay=500");
      await page.getByLabel("Delay (ms)").fill("250");
      await page.getByLabel("Close from the server").check();
      await page.getByLabel("Server close reason").fill("bye now");
      await page.getByLabel("Push messages").check();
      await page.getByLabel("Count (empty: no end)").fill("3");
      await page.getByLabel("Report the handshake").check();
      assert.equal(
        await urlQuery(page),
        "/api/ws?delay=250&close=1011&reason=bye+now&push=1000&count=3&handshake=1",
      );
    });

    await t.step(
      "switching one off removes it and what modifies it",
      async () => {
        await page.getByLabel("Close from the server").uncheck();
        await page.getByLabel("Count (empty: no end)").fill("");
        await page.getByLabel("Delay each echo").uncheck();
        assert.equal(await urlQuery(page), "/api/ws?push=1000&handshake=1");
      },
    );

    await t.step("the panel reads a URL typed by hand", async () => {
      await page.getByLabel("URL", { exact: true }).fill(
        `${server.wsOrigin}/api/ws?token=x&status=418`,
      );
      assert.equal(
        await page.getByLabel("Refuse the handshake").isChecked(),
        true,
      );
      assert.equal(await page.getByLabel("HTTP status").inputValue(), "418");
      assert.equal(await page.getByLabel("Push messages").isChecked(), false);
    });

    await t.step("a bad value is named as the server would", async () => {
      const status = page.getByLabel("HTTP status");
      await status.fill("200");
      assert.equal(await urlQuery(page), "/api/ws?token=x&status=200");
      assert.equal(await status.getAttribute("aria-invalid"), "true");
      assert.equal(
        await page.locator("#behaviour-status-problem").textContent(),
        'status is "200", expected an integer 400-599',
      );
      assert.deepEqual(await axeViolations(page), []);
      await status.fill("503");
      assert.equal(await page.locator("#behaviour-status-problem").count(), 0);
    });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("behaviour panel - a refused handshake shows the status and body the server refused with", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await openPanel(page);
    await page.getByLabel("Refuse the handshake").check();
    await page.getByLabel("HTTP status").fill("418");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await waitForText(page, STATE, "3 CLOSED");
    await waitForEntries(page, "info", 1);
    assert.deepEqual(await entries(page, "info"), [[
      "info",
      "The server refused the handshake with HTTP 418 I'm a teapot: Refused " +
      "with 418 because the URL asks for ?status=418 (read with a plain GET " +
      "of the same URL: the WebSocket API shows only error and close 1006)",
      "",
    ]]);
    assert.deepEqual(await entries(page, "close"), [[
      "close",
      "code 1006 Abnormal Closure, reason (none), wasClean false",
      "",
    ]]);
    assert.deepEqual(await axeViolations(page), []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("behaviour panel - a close from the server shows its code and reason", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await openPanel(page);
    await page.getByLabel("Close from the server").check();
    await page.getByLabel("After N echoes").fill("1");
    await page.getByLabel("Server close reason").fill("overloaded");
    await connect(page);
    await typeAndSend(page, "one");
    await waitForText(page, STATE, "3 CLOSED");
    await waitForEntries(page, "close", 1);
    assert.deepEqual(
      (await entries(page, "message")).map(([kind, detail]) => [kind, detail]),
      [["message", "one"]],
    );
    assert.deepEqual(await entries(page, "close"), [[
      "close",
      'code 1011 Internal Error, reason "overloaded", wasClean true',
      "",
    ]]);
    const states = await page.locator(".log .entry.state .detail")
      .allTextContents();
    assert.equal(
      states[2].replace(/, after .*$/, ""),
      "2 CLOSING · close frame received",
    );
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("behaviour panel - pushes are labelled push and never matched to a send", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await openPanel(page);
    // The echo waits 300 ms, so every push comes while the send is pending:
    // matched by order, the first push would take the echo's RTT.
    await page.getByLabel("Delay each echo").check();
    await page.getByLabel("Delay (ms)").fill("300");
    await page.getByLabel("Push messages").check();
    await page.getByLabel("Every (ms)").fill("40");
    await page.getByLabel("Count (empty: no end)").fill("3");
    await connect(page);
    await typeAndSend(page, "mine");
    await waitForEntries(page, "message", 4);
    const shown = await entries(page, "message");
    const pushes = shown.filter(([kind]) => kind === "push");
    assert.deepEqual(
      pushes.map(([, detail, rtt]) => [JSON.parse(detail).push, rtt]),
      [[1, ""], [2, ""], [3, ""]],
    );
    assert.deepEqual(shown.map(([kind]) => kind), [
      "push",
      "push",
      "push",
      "message",
    ]);
    const [, detail, rtt] = shown[3];
    assert.equal(detail, "mine");
    assert.ok(Number(/^RTT (\d+(?:\.\d+)?) ms$/.exec(rtt)![1]) >= 300, rtt);
    assert.deepEqual(await axeViolations(page), []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("behaviour panel - a slow server's echo comes back after its delay", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await openPanel(page);
    await page.getByLabel("Delay each echo").check();
    await page.getByLabel("Delay (ms)").fill("300");
    await connect(page);
    await typeAndSend(page, "slow");
    await waitForEntries(page, "message", 1);
    const [[, detail, rtt]] = await entries(page, "message");
    assert.equal(detail, "slow");
    const ms = Number(/^RTT (\d+(?:\.\d+)?) ms$/.exec(rtt)![1]);
    assert.ok(ms >= 300, rtt);
  } finally {
    await browser.close();
    await server.close();
  }
});
