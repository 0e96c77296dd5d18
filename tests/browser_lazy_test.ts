import assert from "node:assert/strict";
import { startServer } from "./helpers.ts";
import { launchBrowser, openWatchedPage } from "./browser_helpers.ts";

Deno.test("lazy panels - the speed test's code loads when its panel first opens", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openWatchedPage(browser);
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await page.goto(`${server.origin}/`);
    await page.waitForSelector(
      '[data-island="EchoClient"][data-hydrated="true"]',
    );
    const speed = (url: string) =>
      /\/_fresh\/SpeedTest-[0-9A-Z]{8}\.js$/.test(url);
    assert.ok(
      scripts.some((url) => /\/_fresh\/hydrate-/.test(url)),
      scripts.join(),
    );
    assert.ok(!scripts.some(speed), `loaded before opening: ${scripts.join()}`);
    // The statically imported chunk is announced up front, not found late.
    const preloads = await page.locator('link[rel="modulepreload"]').count();
    assert.ok(preloads >= 1, "no modulepreload link");

    await page.getByText("Speed test").click();
    await page.getByRole("button", { name: "Run" }).waitFor();
    assert.ok(scripts.some(speed), `not loaded on opening: ${scripts.join()}`);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("lazy panels - the presets, script and link code loads when the Script panel first opens", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openWatchedPage(browser);
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await page.goto(`${server.origin}/`);
    await page.waitForSelector(
      '[data-island="EchoClient"][data-hydrated="true"]',
    );
    const session = (url: string) =>
      /\/_fresh\/session_chunk-[0-9A-Z]{8}\.js$/.test(url);
    assert.ok(!scripts.some(session), `loaded before opening: ${scripts}`);
    await page.locator("summary", { hasText: /^Script$/ }).click();
    await page.getByRole("button", { name: "Run script" }).waitFor();
    assert.ok(scripts.some(session), `not loaded on opening: ${scripts}`);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
