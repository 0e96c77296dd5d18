import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { startServer } from "./helpers.ts";
import {
  addConnection,
  axeViolations,
  connect,
  launchBrowser,
  openClient,
  typeAndSend,
  waitForEntries,
} from "./browser_helpers.ts";
import { runCli, withoutTimes } from "./script_cli.ts";

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

/** The recorded script, once it has `count` steps. */
async function recorded(page: Page, count: number) {
  await page.waitForFunction((n) => {
    const text = document.querySelector<HTMLTextAreaElement>(
      'textarea[name="script"]',
    )!.value;
    try {
      return JSON.parse(text).steps.length === n;
    } catch {
      return false;
    }
  }, count);
  return JSON.parse(await page.getByLabel("Script (JSON)").inputValue());
}

Deno.test("connections recording - recording with two connections in a room writes connections and on; the script passes from the page, on tabs, and from deno task script", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const dir = await Deno.makeTempDir();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    const ws = `${server.wsOrigin}/api/ws`;
    // alice gets her own echo (self=1), bob does not (self=0): each
    // connection's messages come in one order, whatever the other's do.
    const alice = `${ws}?room=rec&self=1`;
    const bob = `${ws}?room=rec&self=0`;
    await page.getByLabel("URL", { exact: true }).fill(alice);
    await page.getByLabel("Subprotocols").fill("chat");
    await page.locator("summary", { hasText: /^Script$/ }).click();
    await page.getByLabel("Script (JSON)").waitFor();
    // Recording starts with one connection; the second joins as it comes.
    await page.getByRole("button", { name: "Record" }).click();
    await connect(page);
    await page.getByRole("button", { name: "Add connection" }).click();
    await page.getByRole("tab").nth(1).waitFor();
    const name = page.getByLabel("Name", { exact: true });
    // Not a script name: the recording maps it to bob_smith.
    await name.fill("bob smith");
    await name.press("Enter");
    await page.getByLabel("URL", { exact: true }).fill(bob);
    await page.getByLabel("Subprotocols").fill("");
    await connect(page);
    await page.getByRole("tab", { name: /^A/ }).click();
    await typeAndSend(page, "hello bob");
    await recorded(page, 3);
    await page.getByRole("tab", { name: /^bob/ }).click();
    await typeAndSend(page, "hi alice");
    const script = await recorded(page, 5);
    await page.getByRole("button", { name: "Stop recording" }).click();

    assert.deepEqual(script.connections, {
      A: { url: alice, protocols: ["chat"] },
      bob_smith: { url: bob },
    });
    const on = (who: string) =>
      script.steps.filter((s: { on: string }) => s.on === who);
    // A's echo and bob's copy race on the page; each one's own order does not.
    assert.deepEqual(on("A"), [
      { send: "hello bob", on: "A" },
      { expect: { equals: "hello bob" }, on: "A" },
      { expect: { equals: "hi alice" }, on: "A" },
    ]);
    assert.deepEqual(on("bob_smith"), [
      { expect: { equals: "hello bob" }, on: "bob_smith" },
      { send: "hi alice", on: "bob_smith" },
    ]);
    assert.deepEqual(script.steps[0], { send: "hello bob", on: "A" });
    assert.deepEqual(script.steps[3], { send: "hi alice", on: "bob_smith" });
    assert.deepEqual(await axeViolations(page), []);

    await page.getByRole("button", { name: "Run script" }).click();
    await page.getByRole("button", { name: "Run script" }).waitFor();
    assert.match(
      (await page.locator('[data-testid="script-result"]').textContent())!,
      /^Passed: 5 steps in [0-9]+\.[0-9] ms$/,
    );
    // On the page the actors are the tabs it was recorded on, open, used
    // as they are (bob_smith is "bob smith"): no tab is added, and bob's
    // replayed steps and second copy of "hello bob" are in his log.
    assert.deepEqual(await tabs(page), ["A open", "bob smith open *"]);
    await page.locator('select[name="connection"]')
      .selectOption({ label: "bob smith" });
    await waitForEntries(page, "step", 2);
    await waitForEntries(page, "message", 2);
    assert.equal(await page.locator(".log .entry.step.failed").count(), 0);

    const file = `${dir}/recorded.json`;
    await Deno.writeTextFile(file, JSON.stringify(script));
    const result = await runCli(file);
    assert.equal(result.stderr, "");
    assert.deepEqual(
      withoutTimes(result.stdout).at(-1),
      "Passed: 5 steps in T ms",
    );
    assert.deepEqual(
      withoutTimes(result.stdout)[0],
      '✓ 1 send "hello bob" on A T ms',
    );
    assert.equal(result.code, 0);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("connections recording - a connection renamed after its first step is recorded under its new name, so the script replays on its tab", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await connect(page);
    await addConnection(page, 2);
    await connect(page);
    await page.locator("summary", { hasText: /^Script$/ }).click();
    await page.getByRole("button", { name: "Record" }).click();
    await page.getByRole("tab", { name: /^A/ }).click();
    await typeAndSend(page, "on A");
    await recorded(page, 2);
    await page.getByRole("tab", { name: /^B/ }).click();
    await typeAndSend(page, "on B");
    await recorded(page, 4);
    const name = page.getByLabel("Name", { exact: true });
    await name.fill("bob");
    await name.press("Enter");
    await page.getByRole("tab", { name: /^bob/ }).waitFor();
    await typeAndSend(page, "on bob");
    const script = await recorded(page, 6);
    await page.getByRole("button", { name: "Stop recording" }).click();

    const ws = `${server.wsOrigin}/api/ws`;
    assert.deepEqual(script.connections, { A: { url: ws }, bob: { url: ws } });
    assert.deepEqual(script.steps, [
      { send: "on A", on: "A" },
      { expect: { equals: "on A" }, on: "A" },
      { send: "on B", on: "bob" },
      { expect: { equals: "on B" }, on: "bob" },
      { send: "on bob", on: "bob" },
      { expect: { equals: "on bob" }, on: "bob" },
    ]);

    await page.getByRole("button", { name: "Run script" }).click();
    await page.getByRole("button", { name: "Run script" }).waitFor();
    assert.match(
      (await page.locator('[data-testid="script-result"]').textContent())!,
      /^Passed: 6 steps in [0-9]+\.[0-9] ms$/,
    );
    // No tab "B" is added for the steps B had before its rename.
    assert.deepEqual(await tabs(page), ["A open", "bob open *"]);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
