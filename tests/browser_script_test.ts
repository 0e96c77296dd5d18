import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
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

const CLI = new URL("../scripts/run_script.ts", import.meta.url).pathname;
const RESULT = '[data-testid="script-result"]';

/** Opens the Script panel and waits for its body to load. */
async function openScriptPanel(page: Page): Promise<void> {
  await page.locator("summary", { hasText: /^Script$/ }).click();
  await page.getByLabel("Script (JSON)").waitFor();
}

/** Clicks Run script and waits until the run's last line is not "Running…". */
async function runScript(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Run script" }).click();
  await page.getByRole("button", { name: "Run script" }).waitFor();
  return (await page.locator(RESULT).textContent()) ?? "";
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

Deno.test("script panel - a script using every step kind passes from the page; steps are marks and export lines", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    // The server's delay behaviour holds every echo back 50 ms.
    const url = `${server.wsOrigin}/api/ws?delay=50`;
    await page.getByLabel("URL", { exact: true }).fill(url);
    await openScriptPanel(page);
    await page.getByRole("button", { name: "Load example" }).click();
    const loaded = JSON.parse(
      await page.getByLabel("Script (JSON)").inputValue(),
    );
    assert.equal(loaded.url, url);
    assert.equal(loaded.steps.length, 12);

    // Not connected: the run opens a socket to the script's URL itself.
    const result = await runScript(page);
    assert.match(result, /^Passed: 12 steps in [0-9]+\.[0-9] ms$/);
    assert.deepEqual(await stepRows(page), [
      '1 | send "hello" | passed in T ms',
      '2 | expect equals "hello" | passed in T ms',
      '3 | send json {"id":1,"op":"sub"} | passed in T ms',
      '4 | expect json {"id":1} | passed in T ms',
      "5 | send hex 00ff10 | passed in T ms",
      "6 | expect hex 00ff10 | passed in T ms",
      '7 | send "ping 42" | passed in T ms',
      "8 | expect matches /^ping [0-9]+$/ | passed in T ms",
      "9 | wait 100 ms | passed in T ms",
      "10 | repeat 3 times | passed in T ms",
      '10.1.1 | send "x" | passed in T ms',
      '10.1.2 | expect equals "x" | passed in T ms',
      '10.2.1 | send "x" | passed in T ms',
      '10.2.2 | expect equals "x" | passed in T ms',
      '10.3.1 | send "x" | passed in T ms',
      '10.3.2 | expect equals "x" | passed in T ms',
      '11 | close 1000 "done" | passed in T ms',
      "12 | expect close 1000 | passed in T ms",
    ]);
    await waitForText(page, '[data-testid="ready-state"]', "3 CLOSED");
    assert.ok(await page.locator(".timeline .mark.step.passed").count() >= 1);
    assert.equal(await page.locator(".timeline .mark.step.failed").count(), 0);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /NDJSON$/ }).click(),
    ]);
    const lines = (await Deno.readTextFile(await download.path()))
      .trimEnd().split("\n").map((line) => JSON.parse(line))
      .filter((record) => record.type === "step");
    assert.deepEqual(
      lines.map((r) => [r.step, r.passed, typeof r.ms, r.data.slice(0, 2)]),
      [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "10.1.1",
        "10.1.2",
        "10.2.1",
        "10.2.2",
        "10.3.1",
        "10.3.2",
        "10",
        "11",
        "12",
      ].map((path) => [path, true, "number", `✓ `]),
    );
    assert.equal(
      lines[0].data.replace(/[0-9.]+ ms$/, "T ms"),
      '✓ 1 send "hello" T ms',
    );
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("script panel - a failing expectation stops the run with the message deno task script prints", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const dir = await Deno.makeTempDir();
  try {
    const script = {
      url: `${server.wsOrigin}/api/ws`,
      steps: [
        { send: { json: { id: 1, op: "sub" } } },
        { expect: { json: { id: 2 } } },
        { send: "never sent" },
      ],
    };
    const file = `${dir}/failing.json`;
    await Deno.writeTextFile(file, JSON.stringify(script));
    const cli = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-net", "--allow-read", CLI, file],
      env: { NO_COLOR: "1" },
      stdin: "null",
    }).output();
    assert.equal(cli.code, 1);
    const printed = new TextDecoder().decode(cli.stdout).trimEnd().split("\n")
      .at(-1);

    const { page, problems } = await openClient(browser, server.origin);
    await connect(page);
    await openScriptPanel(page);
    await page.getByLabel("Script (JSON)").fill(JSON.stringify(script));
    // Connected: the run goes on the live socket.
    const result = await runScript(page);
    assert.equal(
      result,
      'Step 2 (expect json {"id":2}) failed: expected json {"id":2}, received {"id":1,"op":"sub"}; $.id: expected 2, got 1',
    );
    assert.equal(result, printed);
    assert.deepEqual(await stepRows(page), [
      '1 | send json {"id":1,"op":"sub"} | passed in T ms',
      '2 | expect json {"id":2} | failed in T ms',
    ]);
    assert.deepEqual(
      await page.locator(".steps .mismatch").evaluate((dl) =>
        [...dl.children].map((e) => e.textContent)
      ),
      [
        "Expected",
        'json {"id":2}',
        "Received",
        '{"id":1,"op":"sub"}',
        "Differs",
        "$.id: expected 2, got 1",
      ],
    );
    await page.locator(".timeline .mark.step.failed").first().waitFor();
    // Step 3 never ran: one message went out.
    await waitForEntries(page, "send", 1);
    assert.equal(await page.locator(".log .entry.step.failed").count(), 1);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await browser.close();
    await server.close();
  }
});

Deno.test("script panel - a script that does not parse is not run and says where", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await openScriptPanel(page);
    await page.getByLabel("Script (JSON)").fill('{"steps":[{"sned":"x"}]}');
    await page.getByRole("button", { name: "Run script" }).click();
    await waitForText(
      page,
      RESULT,
      'Not run: steps[0]: "sned" is not a step; expected one of send, expect, wait, repeat, close, expectClose',
    );
    assert.equal(await page.locator(".steps > li").count(), 0);
    assert.equal(
      await page.locator('[data-testid="ready-state"]').textContent(),
      "no socket",
    );
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("script panel - recording writes what was sent and received as a script that runs again", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await openScriptPanel(page);
    await page.getByRole("button", { name: "Record" }).click();
    await connect(page);
    await typeAndSend(page, "hello");
    await page.getByLabel("Send as").selectOption("hex");
    await typeAndSend(page, "00 ff");
    await waitForEntries(page, "message", 2);
    await page.getByRole("button", { name: "Close", exact: true }).click();
    await waitForText(page, '[data-testid="ready-state"]', "3 CLOSED");
    await page.getByRole("button", { name: "Stop recording" }).click();
    const recorded = JSON.parse(
      await page.getByLabel("Script (JSON)").inputValue(),
    );
    assert.deepEqual(recorded, {
      url: `${server.wsOrigin}/api/ws`,
      steps: [
        { send: "hello" },
        { expect: { equals: "hello" } },
        { send: { hex: "00ff" } },
        { expect: { hex: "00ff" } },
        { close: { code: 1000 } },
        { expectClose: { code: 1000, reason: "" } },
      ],
    });
    const result = await runScript(page);
    assert.match(result, /^Passed: 6 steps in [0-9]+\.[0-9] ms$/);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("script panel - Save as file writes the script with the presets; opening a file adds its presets", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await page.locator("summary", { hasText: /^Presets$/ }).click();
    await page.getByLabel("Message", { exact: true }).fill("hello");
    await page.getByLabel("Preset name").fill("greet");
    await page.getByRole("button", { name: "Save message as preset" }).click();
    await openScriptPanel(page);
    await page.getByLabel("Script (JSON)").fill('{"steps":[{"wait":1}]}');
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Save as file" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "session.script.json");
    assert.deepEqual(
      JSON.parse(await Deno.readTextFile(await download.path())),
      {
        $schema: `${server.origin}/static/script.schema.json`,
        steps: [{ wait: 1 }],
        presets: [{ name: "greet", send: "hello" }],
      },
    );

    const file = {
      steps: [{ send: "a" }],
      presets: [{ name: "sub", send: { json: { op: "sub" } }, onOpen: true }],
    };
    await page.getByLabel("Open a script file").setInputFiles({
      name: "opened.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await page.getByRole("button", { name: "Send sub" }).waitFor();
    assert.equal(
      await page.getByLabel("Script (JSON)").inputValue(),
      JSON.stringify(file),
    );
    assert.deepEqual(
      JSON.parse(
        await page.evaluate(() => localStorage.getItem("echo-client.presets")!),
      ),
      [{ name: "greet", send: "hello" }, file.presets[0]],
    );
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
