import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startServer } from "./helpers.ts";
import {
  connect,
  launchBrowser,
  openClient,
  pickFreePort,
  typeAndSend,
  waitForEntries,
  waitForText,
} from "./browser_helpers.ts";

/**
 * The timeline of the real page, drawn from a real session against the real
 * server: the chart's own tests (browser_timeline_test.ts) draw fixtures.
 */

const STATE = '[data-testid="ready-state"]';
const T = String.raw`\d+\.\d{3} s`;

/** The chart's bands and marks as `[class, aria-label]`, in drawing order. */
function shapes(page: Page, kind: "band" | "mark") {
  return page.locator(`.timeline rect.${kind}`).evaluateAll((rects) =>
    rects.map((r) => [r.getAttribute("class")!, r.getAttribute("aria-label")!])
  );
}

/** Asserts that `actual` pairs match `expected` classes and label patterns. */
function assertShapes(actual: string[][], expected: [string, string][]) {
  assert.deepEqual(
    actual.map(([name]) => name),
    expected.map(([name]) => name),
    JSON.stringify(actual),
  );
  actual.forEach(([, label], i) =>
    assert.match(label, new RegExp(`^${expected[i][1]}$`))
  );
}

Deno.test("timeline - before the first socket the header counts no sockets and no time", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const html = await (await fetch(`${server.origin}/`)).text();
    assert.deepEqual(
      [...html.matchAll(/<figcaption>(.*?)<\/figcaption>/g)].map((m) => m[1]),
      ["Timeline"],
    );
    const { page } = await openClient(browser, server.origin);
    // The legend is the loaded chart's, not the placeholder's.
    await page.locator(".timeline-legend").waitFor();
    const caption = page.locator(".timeline figcaption");
    assert.equal(await caption.textContent(), "Timeline");
    assert.equal(
      await page.locator(".timeline .empty").textContent(),
      "Nothing yet: connect to start the timeline.",
    );
    await connect(page);
    await page.waitForFunction(() =>
      /^Timeline 1 socket, \d+\.\d{3} s so far$/.test(
        document.querySelector(".timeline figcaption")?.textContent ?? "",
      )
    );
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("timeline - a real session shows its four states, calls, events and bufferedAmount", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await connect(page);
    await typeAndSend(page, "x".repeat(100_000));
    await waitForEntries(page, "message", 1);
    await page.getByRole("button", { name: "Disconnect" }).click();
    await waitForText(page, STATE, "3 CLOSED");
    await page.waitForFunction(() =>
      document.querySelector(".timeline figcaption")?.textContent?.endsWith(
        ", closed",
      )
    );
    assertShapes(await shapes(page, "band"), [
      ["band s0", `CONNECTING from 0\\.000 s to ${T}, new WebSocket`],
      ["band s1", `OPEN from ${T} to ${T}, open event`],
      ["band s2", `CLOSING from ${T} to ${T}, close\\(\\) called`],
      ["band s3", `CLOSED from ${T} to ${T}, close event`],
    ]);
    const reason = '"Disconnected by the user"';
    assertShapes(await shapes(page, "mark"), [
      [
        "mark new-WebSocket",
        `new WebSocket, ws://127\\.0\\.0\\.1:${server.port}/api/ws, at 0\\.000 s`,
      ],
      ["mark open", `open, no protocol, at ${T}`],
      ["mark send", `send, text, 100000 B, at ${T}`],
      [
        "mark message",
        `message, text, 100000 B, RTT \\d+(\\.\\d)? ms, at ${T}`,
      ],
      ["mark close-", `close\\(\\), close\\(1000, ${reason}\\), at ${T}`],
      ["mark close", `close, code 1000, ${reason}, wasClean true, at ${T}`],
    ]);
    // bufferedAmount: the whole message right after send(), none once its
    // echo is back.
    const heights = await page.locator(".timeline polyline.buffered")
      .evaluate((line) =>
        line.getAttribute("points")!.split(" ").map((p) => p.split(",")[1])
          .filter((y, i, all) => y !== all[i - 1]).map(Number)
      );
    assert.equal(heights.length >= 2, true, String(heights));
    const [base, top] = [Math.max(...heights), Math.min(...heights)];
    assert.ok(top < base, String(heights));
    assert.equal(heights.at(-1), base, "back to 0 by the end");
    assert.equal(heights.filter((y) => y === top).length, 1);
    assert.match(
      await page.locator(".timeline-legend").textContent() ?? "",
      /bufferedAmount, peak 97\.7 KiB$/,
    );
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("timeline - a connection that fails shows its error and close events", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    const url = `ws://127.0.0.1:${pickFreePort()}/`;
    await page.getByLabel("URL").fill(url);
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await waitForText(page, STATE, "3 CLOSED");
    await page.waitForFunction(() =>
      document.querySelectorAll(".timeline rect.mark").length === 3
    );
    assertShapes(await shapes(page, "band"), [
      ["band s0", `CONNECTING from 0\\.000 s to ${T}, new WebSocket`],
      ["band s3", `CLOSED from ${T} to ${T}, close event`],
    ]);
    assertShapes(await shapes(page, "mark"), [
      [
        "mark new-WebSocket",
        `new WebSocket, ${url.replaceAll(".", "\\.")}, at 0\\.000 s`,
      ],
      ["mark error", `error, no detail \\(by design of the API\\), at ${T}`],
      ["mark close", `close, code 1006, wasClean false, at ${T}`],
    ]);
  } finally {
    await browser.close();
    await server.close();
  }
});
