import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startServer } from "./helpers.ts";
import {
  axeViolations,
  launchBrowser,
  openClient,
  waitForEntries,
} from "./browser_helpers.ts";
import { runCli, withoutTimes } from "./script_cli.ts";

const RESULT = '[data-testid="script-result"]';

/** Puts `script` in the Script panel, runs it, and returns the last line. */
async function runInPanel(page: Page, script: unknown): Promise<string> {
  await page.locator("summary", { hasText: /^Script$/ }).click();
  await page.getByLabel("Script (JSON)").fill(JSON.stringify(script));
  await page.getByRole("button", { name: "Run script" }).click();
  await page.getByRole("button", { name: "Run script" }).waitFor();
  return (await page.locator(RESULT).textContent()) ?? "";
}

/** The tabs as `name state`, ` *` marking the selected one. */
function tabs(page: Page) {
  return page.getByRole("tab").evaluateAll((els) =>
    els.map((el) =>
      `${el.querySelector(".name")!.textContent} ${
        el.querySelector(".tab-state")!.textContent
      }${el.getAttribute("aria-selected") === "true" ? " *" : ""}`
    )
  );
}

/** Each step row as the page shows it, times cut. */
function stepRows(page: Page): Promise<string[]> {
  return page.locator(".steps > li").evaluateAll((items) =>
    items.map((li) =>
      [
        li.querySelector(".path")!.textContent,
        li.querySelector(".label")!.textContent,
        li.querySelector(".status")!.textContent!.replace(
          / in [0-9]+\.[0-9] ms$/,
          " in T ms",
        ),
      ].join(" | ")
    )
  );
}

/** The rooms example with both connections moved to `origin`. */
async function roomsExample(origin: string) {
  const example = JSON.parse(
    await Deno.readTextFile(
      new URL("../examples/rooms.script.json", import.meta.url),
    ),
  );
  for (const connection of Object.values(example.connections)) {
    const c = connection as { url: string };
    c.url = c.url.replace("ws://127.0.0.1:8000", origin);
  }
  return example;
}

Deno.test("script panel - a two-actor script passes from the page on tabs named after its connections, as from the command", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const dir = await Deno.makeTempDir();
  try {
    const script = await roomsExample(server.wsOrigin);
    const file = `${dir}/rooms.json`;
    await Deno.writeTextFile(file, JSON.stringify(script));
    const cli = await runCli(file);
    assert.equal(cli.code, 0);

    const { page, problems } = await openClient(browser, server.origin);
    const result = await runInPanel(page, script);
    assert.match(result, /^Passed: 8 steps in [0-9]+\.[0-9] ms$/);
    assert.equal(withoutTimes(cli.stdout).at(-1), "Passed: 8 steps in T ms");
    assert.deepEqual(await stepRows(page), [
      '1 | send "hello bob" on alice | passed in T ms',
      '2 | expect equals "hello bob" on bob | passed in T ms',
      '3 | send json {"from":"bob","text":"hi alice"} on bob | passed in T ms',
      '4 | expect json {"from":"bob"} on alice | passed in T ms',
      "5 | send hex 00ff10 on alice | passed in T ms",
      "6 | expect hex 00ff10 on bob | passed in T ms",
      '7 | close 1000 "bye" on bob | passed in T ms',
      "8 | expect close 1000 on bob | passed in T ms",
    ]);
    // The actors ran on tabs of their names, closed when the run ended;
    // the page's own connection, still selected, was never opened.
    assert.deepEqual(await tabs(page), [
      "A no socket *",
      "alice closed",
      "bob closed",
    ]);
    assert.equal(
      await page.locator('[data-testid="ready-state"]').textContent(),
      "no socket",
    );
    assert.deepEqual(await axeViolations(page), []);
    // Each actor's traffic and step marks are in the log under its name.
    const shown = page.locator('select[name="connection"]');
    await shown.selectOption({ label: "alice" });
    await waitForEntries(page, "step", 3);
    await waitForEntries(page, "message", 1);
    assert.equal(await page.locator(".log .entry.step.failed").count(), 0);
    await shown.selectOption({ label: "bob" });
    await waitForEntries(page, "step", 5);
    await waitForEntries(page, "message", 2);
    assert.equal(await page.locator(".log .entry.step.failed").count(), 0);
    assert.deepEqual(problems, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await browser.close();
    await server.close();
  }
});

Deno.test("script panel - a failing two-actor script shows the message deno task script prints, naming the connection", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const dir = await Deno.makeTempDir();
  try {
    const url = `${server.wsOrigin}/api/ws?room=page-fail&self=0`;
    const script = {
      connections: { alice: { url }, bob: { url } },
      steps: [
        { send: { json: { id: 1, op: "sub" } } },
        { expect: { json: { id: 2 } }, on: "bob" },
        { send: "never sent" },
      ],
    };
    const file = `${dir}/failing.json`;
    await Deno.writeTextFile(file, JSON.stringify(script));
    const cli = await runCli(file);
    assert.equal(cli.code, 1);
    const printed = withoutTimes(cli.stdout).at(-1);

    const { page, problems } = await openClient(browser, server.origin);
    const result = await runInPanel(page, script);
    assert.equal(
      result,
      'Step 2 (expect json {"id":2} on bob) failed: expected json {"id":2}, received {"id":1,"op":"sub"}; $.id: expected 2, got 1',
    );
    assert.equal(result, printed);
    assert.deepEqual(await stepRows(page), [
      '1 | send json {"id":1,"op":"sub"} on alice | passed in T ms',
      '2 | expect json {"id":2} on bob | failed in T ms',
    ]);
    // Step 1's mark is alice's, step 2's (failed) bob's.
    await page.locator('select[name="connection"]')
      .selectOption({ label: "bob" });
    await waitForEntries(page, "step", 1);
    assert.equal(await page.locator(".log .entry.step.failed").count(), 1);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await browser.close();
    await server.close();
  }
});
