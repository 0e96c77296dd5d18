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
} from "./browser_helpers.ts";

/** Where screenshots go when set; none are taken otherwise. */
const SHOTS = Deno.env.get("TIMELINE_SCREENSHOTS");

/** Clicks "Add connection" or Duplicate and waits for `count` tabs. */
async function addConnection(page: Page, button: string, count: number) {
  await page.getByRole("button", { name: button }).click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[role="tab"]').length === n,
    count,
  );
}

/** Waits until the lanes chart shows exactly `names`. */
async function waitForLanes(page: Page, names: string[]) {
  await page.waitForFunction(
    (names) =>
      JSON.stringify(
        [...document.querySelectorAll(".timeline.lanes .lane-name")].map((
          el,
        ) => el.textContent),
      ) === JSON.stringify(names),
    names,
  );
}

/** A mark's middle on screen and its time as its label gives it, in ms. */
interface Placed {
  x: number;
  at: number;
}

/**
 * Where A's send, A's own copy of it and B's delivery are, and how many
 * screen pixels a millisecond is, all read at one moment: the live axis
 * rescales as the clock moves.
 */
async function placeExchange(page: Page) {
  const selectors = [
    '.lane[data-name="A"] rect.mark.send',
    '.lane[data-name="A"] rect.mark.message',
    '.lane[data-name="B"] rect.mark.message',
  ];
  await page.waitForFunction(
    (selectors) => selectors.every((s) => document.querySelector(s)),
    selectors,
  );
  return await page.evaluate((selectors) => {
    const place = (el: Element) => {
      const box = el.getBoundingClientRect();
      const seconds = /at (\d+\.\d{3}) s$/.exec(
        el.getAttribute("aria-label") ?? "",
      );
      return { x: box.x + box.width / 2, at: Number(seconds?.[1]) * 1000 };
    };
    const [send, echo, delivery] = selectors.map((s) => {
      const all = document.querySelectorAll(s);
      if (all.length !== 1) throw new Error(`${all.length} of ${s}`);
      return place(all[0]);
    });
    const ticks = [...document.querySelectorAll(".timeline.lanes .tick")];
    const tick = (g: Element) => ({
      x: g.querySelector("line")!.getBoundingClientRect().x,
      ms: parseFloat(g.textContent!) * 1000,
    });
    const [t0, t1] = [tick(ticks[0]), tick(ticks.at(-1)!)];
    return { send, echo, delivery, pxPerMs: (t1.x - t0.x) / (t1.ms - t0.ms) };
  }, selectors) as {
    send: Placed;
    echo: Placed;
    delivery: Placed;
    pxPerMs: number;
  };
}

/** Sets the URL field to the room URL, then connects. */
async function connectToRoom(page: Page, room: string) {
  const url = page.getByLabel("URL", { exact: true });
  await url.fill(`${(await url.inputValue()).split("?")[0]}?room=${room}`);
  await connect(page);
}

Deno.test("timeline lanes - A's send and B's message line up in lanes named A and B; a rename relabels, a removal brings the single timeline back", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await connectToRoom(page, "lanes");
    assert.equal(await page.locator(".timeline.lanes").count(), 0);
    await addConnection(page, "Add connection", 2);
    await waitForLanes(page, ["A", "B"]);
    // B's lane says it has no socket until it connects.
    assert.equal(
      await page.locator('.lane[data-name="B"] .band.none').getAttribute(
        "aria-label",
      ),
      "B: no socket yet",
    );
    await connectToRoom(page, "lanes");
    // Apart from B's open event by more than a bin, whatever the machine.
    await page.waitForTimeout(300);
    await page.getByRole("tab", { name: /^A/ }).click();
    await typeAndSend(page, "hello B");
    // The log holds both connections': A's echo and B's delivery.
    await waitForEntries(page, "message", 2);
    const { send, echo, delivery, pxPerMs } = await placeExchange(page);
    const at = JSON.stringify({ send, echo, delivery, pxPerMs });
    // The server hands A's copy and B's delivery out at once: one x.
    assert.ok(Math.abs(echo.x - delivery.x) <= 2, at);
    // On one clock: B's message sits right of A's send by the room's delay
    // (a few ms here) at the axis's scale, not by B's later start.
    const expected = (delivery.at - send.at) * pxPerMs;
    assert.ok(Math.abs(delivery.x - send.x - expected) <= 2, at);
    assert.ok(delivery.at - send.at < 50, at);
    assert.match(
      (await page.locator('.lane[data-name="B"] rect.mark.message')
        .getAttribute("aria-label"))!,
      /^B: message, room, text, 7 B, at \d+\.\d{3} s$/,
    );

    // The keyboard reaches across lanes: End is the last mark in time.
    await page.locator('.lane[data-name="A"] rect.mark.send').focus();
    await page.keyboard.press("End");
    assert.match(
      (await page.locator(".timeline-detail").textContent())!,
      /^(A|B): message, /,
    );

    await page.getByRole("tab", { name: /^B/ }).click();
    const name = page.getByLabel("Name", { exact: true });
    await name.fill("bob");
    await name.press("Enter");
    await waitForLanes(page, ["A", "bob"]);

    await page.getByRole("button", { name: "Remove" }).click();
    await page.waitForFunction(() =>
      document.querySelector(".timeline.lanes") === null &&
      document.querySelector(".timeline svg") !== null
    );
    // The single chart's rows, A's session in it.
    assert.deepEqual(
      await page.locator(".timeline .row-label text").allTextContents(),
      [
        "new WS",
        "send",
        "close()",
        "open",
        "message",
        "error",
        "close",
        "state",
        "buffered",
      ],
    );
    assert.equal(await page.locator(".timeline rect.mark.send").count(), 1);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

for (const [width, height] of [[1280, 800], [390, 844]] as const) {
  Deno.test(`timeline lanes - three lanes have no axe-core violations at ${width}x${height}`, async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const { page, problems } = await openClient(browser, server.origin, {
        width,
        height,
      });
      await connectToRoom(page, "axe");
      await addConnection(page, "Add connection", 2);
      await connectToRoom(page, "axe");
      await typeAndSend(page, "hi all");
      await waitForEntries(page, "message", 2);
      await addConnection(page, "Duplicate", 3);
      await waitForLanes(page, ["A", "B", "C"]);
      const figure = page.locator(".timeline.lanes");
      await figure.locator('.lane[data-name="B"] rect.mark.send').focus();
      assert.deepEqual(await axeViolations(page), []);
      // The chart fits the viewport: no sideways scrolling at 390 px.
      const box = (await figure.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= width, JSON.stringify(box));
      if (SHOTS) {
        await figure.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SHOTS}/lanes-${width}.png` });
        await figure.screenshot({ path: `${SHOTS}/lanes-chart-${width}.png` });
      }
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
