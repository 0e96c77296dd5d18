/**
 * Browser test fixtures: Chromium or Chrome (wherever `find_browser.ts`
 * finds it) driven by playwright-core, a page that records every console
 * error, and small waits on what the page shows.
 *
 * @module
 */

import "./permission_shim.ts";
import { type Browser, chromium, type Page } from "playwright-core";
import { findBrowser, type FindBrowserOptions } from "./find_browser.ts";

/**
 * Launches the browser {@linkcode findBrowser} finds, without the background
 * traffic a test never wants. Rejects with one line saying what to install
 * or set when there is none.
 */
export async function launchBrowser(
  lookup?: FindBrowserOptions,
): Promise<Browser> {
  const executablePath = findBrowser(lookup);
  return await chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A page and every console error or uncaught exception it produced. */
export interface WatchedPage {
  page: Page;
  /** Console errors (CSP violations land here) and page errors, in order. */
  problems: string[];
}

/** Opens a page that records console errors and uncaught exceptions. */
export async function openWatchedPage(
  browser: Browser,
  viewport = { width: 1280, height: 800 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  return { page, problems };
}

/** Opens the app's page and waits until the island has hydrated. */
export async function openClient(
  browser: Browser,
  origin: string,
  viewport?: { width: number; height: number },
): Promise<WatchedPage> {
  const watched = await openWatchedPage(browser, viewport);
  await watched.page.goto(`${origin}/`);
  await watched.page.waitForSelector(
    '[data-island="EchoClient"][data-hydrated="true"]',
  );
  return watched;
}

/** A port that was free a moment ago: listen on port 0, note it, close. */
export function pickFreePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** A tiny static server for one fixture file. */
export interface FixtureServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  close(): Promise<void>;
}

/** Serves `file` as HTML at every path on 127.0.0.1 port 0. */
export function serveFile(file: URL): FixtureServer {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async () =>
      new Response(await Deno.readFile(file), {
        headers: { "content-type": "text/html; charset=utf-8" },
      }),
  );
  return {
    origin: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}

/** Waits until the element `selector` has exactly `text` as its content. */
export async function waitForText(
  page: Page,
  selector: string,
  text: string,
): Promise<void> {
  await page.waitForFunction(
    ([selector, text]) =>
      document.querySelector(selector)?.textContent === text,
    [selector, text] as const,
  );
}

/** Clicks Connect and waits for readyState 1 OPEN. */
export async function connect(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await waitForText(page, '[data-testid="ready-state"]', "1 OPEN");
}

/** Types `text` into the composer and presses Enter. */
export async function typeAndSend(page: Page, text: string): Promise<void> {
  const message = page.getByLabel("Message", { exact: true });
  await message.fill(text);
  await message.press("Enter");
}

/** Waits until the log shows `count` entries of `kind`. */
export async function waitForEntries(
  page: Page,
  kind: string,
  count: number,
): Promise<void> {
  await page.waitForFunction(
    ([kind, count]) =>
      document.querySelectorAll(`.log .entry.${kind}`).length === count,
    [kind, count] as const,
  );
}

/** Clicks "Add connection" and waits for the `count`th tab to be there. */
export async function addConnection(page: Page, count: number): Promise<void> {
  await page.getByRole("button", { name: "Add connection" }).click();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[role="tab"]').length === n,
    count,
  );
}

/**
 * Puts connection A in `?room=ROOM` of the page's own server, connects it,
 * adds B (which takes A's URL) and connects B too: two members, B selected.
 */
export async function openRoomPair(page: Page, room: string): Promise<void> {
  const url = page.getByLabel("URL", { exact: true });
  await url.fill(`${await url.inputValue()}?room=${room}`);
  await connect(page);
  await addConnection(page, 2);
  await connect(page);
}

/** The log's messages as `name kind text rtt|untimed`, in the log's order. */
export function logMessages(page: Page): Promise<string[]> {
  return page.locator(".log .entry.message").evaluateAll((els) =>
    els.map((el) =>
      `${el.querySelector(".from")?.textContent ?? "-"} ${
        el.querySelector(".kind")!.textContent
      } ${el.querySelector(".detail")!.textContent} ${
        el.querySelector(".rtt") ? "rtt" : "untimed"
      }`
    )
  );
}

/** Waits until the log labels its entries: it shows every connection's. */
export async function waitForLabels(page: Page): Promise<void> {
  await page.waitForSelector(".log .entry.labelled");
}

/** One axe-core rule broken, with where. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  targets: string[];
}

/**
 * Runs axe-core's default rules on the page as it is now. Its source is
 * evaluated over the DevTools protocol, which the page's CSP (no inline
 * script) does not govern.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const { default: axe } = await import("axe-core");
  await page.evaluate((axe as unknown as { source: string }).source);
  return await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const axe = (globalThis as any).axe;
    const result = await axe.run(document);
    // deno-lint-ignore no-explicit-any
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      // deno-lint-ignore no-explicit-any
      targets: v.nodes.map((n: any) => String(n.target)),
    }));
  });
}
