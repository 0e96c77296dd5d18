import assert from "node:assert/strict";
import {
  connect,
  launchBrowser,
  openClient,
  pickFreePort,
  waitForEntries,
  waitForText,
} from "./browser_helpers.ts";
import { startServer } from "./helpers.ts";

const COUNTDOWN = '[data-testid="reconnect-countdown"]';
const STATE = '[data-testid="ready-state"]';

Deno.test("reconnect - counts down after the server goes and reconnects when it returns", async (t) => {
  const port = pickFreePort();
  let server = await startServer({ port });
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await page.getByLabel("Reconnect automatically").check();
    await connect(page);

    await t.step("the server going away shows the countdown", async () => {
      await server.close();
      const countdown = page.locator(COUNTDOWN);
      await countdown.waitFor();
      assert.match(
        await countdown.textContent() ?? "",
        /^Connection lost\. Reconnect attempt \d+ in \d+\.\d s$/,
      );
      assert.equal(await page.locator(STATE).textContent(), "3 CLOSED");
    });

    await t.step("attempts back off instead of flooding", async () => {
      // The next attempt finds nobody listening and schedules another.
      await page.waitForFunction(
        (selector) =>
          /attempt [2-9]/.test(
            document.querySelector(selector)?.textContent ?? "",
          ),
        COUNTDOWN,
      );
      await page.waitForFunction(() =>
        document.querySelectorAll(".log .entry.info").length >= 2
      );
      const notes = await page.locator(".log .entry.info .detail")
        .allTextContents();
      const delays = notes.map((note) =>
        Number(note.match(/in ([\d.]+) s$/)?.[1])
      );
      assert.ok(delays.length >= 2);
      // Equal jitter: attempt 1 waits 0.5-1 s, attempt 2 waits 1-2 s.
      assert.ok(delays[0] >= 0.5 && delays[0] <= 1, `first delay ${delays[0]}`);
      assert.ok(delays[1] >= 1 && delays[1] <= 2, `second delay ${delays[1]}`);
    });

    await t.step("the server returning on the same port is found", async () => {
      server = await startServer({ port });
      await waitForText(page, STATE, "1 OPEN");
      assert.equal(await page.locator(COUNTDOWN).count(), 0);
      await waitForEntries(page, "open", 2);
      assert.equal(server.app.echo.openConnections, 1);
    });
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("reconnect - Stop reconnecting cancels the pending attempt", async () => {
  const port = pickFreePort();
  const server = await startServer({ port });
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await page.getByLabel("Reconnect automatically").check();
    await connect(page);
    // The echo's shutdown closes every socket with 1001 but keeps listening.
    await server.app.echo.shutdown(1000);
    await page.locator(COUNTDOWN).waitFor();
    await page.getByRole("button", { name: "Stop reconnecting" }).click();
    assert.equal(await page.locator(COUNTDOWN).count(), 0);
    await page.getByText("Stopped reconnecting").waitFor();
    assert.equal(await page.locator(STATE).textContent(), "3 CLOSED");
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("reconnect - a close the user asks for is not retried", async () => {
  const port = pickFreePort();
  const server = await startServer({ port });
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await page.getByLabel("Reconnect automatically").check();
    await connect(page);
    await page.getByRole("button", { name: "Disconnect" }).click();
    await waitForText(page, STATE, "3 CLOSED");
    await page.locator(".log .entry.close").waitFor();
    assert.equal(await page.locator(COUNTDOWN).count(), 0);
    assert.equal(await page.locator(".log .entry.info").count(), 0);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("reconnect - a URL that keeps refusing is fetched once and explained on every attempt", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    const refused = `${server.origin}/api/ws?status=503`;
    const fetches: string[] = [];
    page.on("request", (request) => {
      if (request.url() === refused) fetches.push(request.resourceType());
    });
    await page.getByLabel("Reconnect automatically").check();
    await page.getByLabel("URL", { exact: true }).fill(
      `${server.wsOrigin}/api/ws?status=503`,
    );
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    // Attempts 1 and 2 wait 0.5-1 s and 1-2 s: three sockets in about 3 s.
    await page.waitForFunction(() =>
      document.querySelectorAll(".log .entry.close").length >= 3
    );
    await page.getByLabel("Reconnect automatically").uncheck();
    await waitForText(page, STATE, "3 CLOSED");
    const closes = () => page.locator(".log .entry.close").count();
    const explained = page.locator(".log .entry.info .detail", {
      hasText: /^The server refused the handshake with HTTP 503 /,
    });
    // Each close is explained a moment after it, the last one too.
    await page.waitForFunction(
      () => {
        const entries = [...document.querySelectorAll(".log .entry")];
        const last = entries.findLastIndex((e) => e.matches(".close"));
        return entries.slice(last).some((e) =>
          e.textContent?.includes("refused the handshake")
        );
      },
    );
    const sockets = await closes();
    assert.ok(sockets >= 3, `${sockets} sockets`);
    assert.equal(await explained.count(), sockets);
    assert.deepEqual(fetches, ["fetch"]);
    const failedLoads = problems.filter((p) =>
      p.startsWith("Failed to load resource")
    );
    assert.equal(failedLoads.length, 1, problems.join("\n"));
  } finally {
    await browser.close();
    await server.close();
  }
});
