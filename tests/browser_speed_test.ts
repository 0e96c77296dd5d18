import assert from "node:assert/strict";
import { startServer } from "./helpers.ts";
import { launchBrowser, openClient, waitForText } from "./browser_helpers.ts";
import type { Page } from "playwright-core";

async function configure(
  page: Page,
  settings: { count: string; size: string; inFlight: string; type: string },
) {
  const form = page.locator(".speed form");
  await form.getByLabel("Messages").fill(settings.count);
  await form.getByLabel("Size (bytes)").fill(settings.size);
  await form.getByLabel("In flight").fill(settings.inFlight);
  await form.getByLabel("Type").selectOption(settings.type);
}

Deno.test("speed test - completes, checks every echo and shows its figures", async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await page.getByText("Speed test").click();

    // Different counts per run, so one run's figures are never another's.
    const runs = [
      ["binary", 300, "300 messages, 150 KiB"],
      ["text", 200, "200 messages, 100 KiB"],
    ] as const;
    for (const [type, count, echoed] of runs) {
      await t.step(
        `${type}: ${count} messages of 512 bytes, 16 in flight`,
        async () => {
          const before = server.app.echo.metrics.messagesIn;
          await configure(page, {
            count: String(count),
            size: "512",
            inFlight: "16",
            type,
          });
          await page.getByRole("button", { name: "Run" }).click();
          await waitForText(page, '[data-testid="speed-messages"]', echoed);
          const result = page.getByTestId("speed-result");
          assert.equal(server.app.echo.metrics.messagesIn - before, count);
          assert.equal(await result.locator(".problem").count(), 0);
          const rate = Number(
            await page.getByTestId("speed-rate").textContent(),
          );
          const throughput = Number(
            await page.getByTestId("speed-throughput").textContent(),
          );
          assert.ok(rate > 0, `rate ${rate}`);
          assert.ok(throughput > 0, `throughput ${throughput}`);
          const figures = await result.locator(".figures dt").allTextContents();
          assert.deepEqual(figures, [
            "Echoed",
            "Messages/s",
            "MB/s",
            "p50",
            "p90",
            "p99",
            "max",
          ]);
          for (
            const dd of (await result.locator(".figures dd").allTextContents())
              .slice(3)
          ) {
            assert.match(dd, /^[\d.]+ ms$/);
          }
          const chart = result.locator("svg.rtt-chart");
          assert.equal(await chart.getAttribute("role"), "img");
          assert.equal(await chart.locator("rect.bar").count(), 20);
          assert.deepEqual(
            await chart.locator(".mark text").allTextContents(),
            ["p50", "p90", "p99"],
          );
        },
      );
    }
    // The chart draws with attributes only; the CSP would report inline styles.
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("speed test - refuses settings beyond its limits and sends nothing", async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await page.getByText("Speed test").click();
    const cases = [
      [
        { count: "100001", size: "1", inFlight: "1", type: "text" },
        'Messages is "100001", expected a whole number from 1 to 100000',
      ],
      [
        { count: "10", size: "2000000", inFlight: "1", type: "binary" },
        'Size is "2000000", expected a whole number from 1 to 1048576',
      ],
      [
        { count: "10", size: "10", inFlight: "1001", type: "binary" },
        'In flight is "1001", expected a whole number from 1 to 1000',
      ],
      [
        { count: "300", size: "1048576", inFlight: "1", type: "binary" },
        "Messages × size is 314572800 bytes, more than the 268435456 (256 MiB) a run may send",
      ],
    ] as const;
    for (const [settings, message] of cases) {
      await t.step(message, async () => {
        await configure(page, settings);
        await page.getByRole("button", { name: "Run" }).click();
        assert.equal(
          await page.locator(".speed .problem").textContent(),
          message,
        );
      });
    }
    assert.equal(server.app.echo.metrics.connectionsTotal, 0);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("speed test - stops cleanly when its socket closes", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    // The first echo is held for a minute, so the test's socket has sent its
    // one message in flight and waits when the 1001 comes: a message arriving
    // after the close frame would make Deno drop the connection (1006).
    await page.getByLabel("URL", { exact: true }).fill(
      `${server.wsOrigin}/api/ws?delay=60000`,
    );
    await page.getByText("Speed test").click();
    await configure(page, {
      count: "100000",
      size: "64",
      inFlight: "1",
      type: "text",
    });
    await page.getByRole("button", { name: "Run" }).click();
    await page.getByRole("button", { name: "Stop" }).waitFor();
    const metrics = server.app.echo.metrics;
    while (metrics.messagesIn < 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await server.app.echo.shutdown(1000);
    const stopped = page.getByTestId("speed-result").locator(".problem");
    await stopped.waitFor();
    assert.equal(
      await stopped.textContent(),
      'Socket closed (code 1001, "Server shutting down") after 0 of 100000 messages',
    );
    await page.getByRole("button", { name: "Run" }).waitFor();
    assert.equal(metrics.messagesIn, 1);
    assert.deepEqual([...metrics.closesByCode], [[1001, 1]]);
  } finally {
    await browser.close();
    await server.close();
  }
});
