/**
 * The page under load, measured in headless Chromium with the Long Tasks
 * API: a firehose of small messages (5,000 a second for 30 s from a sender
 * on 127.0.0.1), typing in the composer meanwhile, and huge messages (16 MiB
 * received as text and as bytes, a 16 MiB paste sent, a 12 MB file sent),
 * and several connections (8 at 1,000 messages a second each, beside one
 * connection carrying the same 8,000 a second, in alternating rounds).
 * Prints the figures; with `--write` also puts them in the "Page under load"
 * section of bench/RESULTS.md. Not part of `deno task bench` or CI.
 *
 * Usage: deno run -A bench/page_load.ts [--seconds 30] [--rate 5000]
 *   [--only=firehose,huge,connections] [--connections 8] [--each 1000]
 *   [--rounds 1] [--write]
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import {
  connect,
  launchBrowser,
  openClient,
  waitForEntries,
  waitForText,
} from "../tests/browser_helpers.ts";
import { startServer } from "../tests/helpers.ts";
import {
  type LongTaskSummary,
  openConnections,
  percentile,
  reloadObserved,
  serveMessages,
  startFirehose,
  takeLongTasks,
  typingLatencies,
} from "../tests/page_load.ts";
import { integerFlag, parseFlags } from "./flags.ts";
import {
  PAGE_CONNECTIONS_HEADING,
  PAGE_LOAD_HEADING,
  replaceSection,
} from "./sections.ts";

const USAGE =
  "deno run -A bench/page_load.ts [--seconds 30] [--rate 5000] [--only=firehose,huge,connections] [--connections 8] [--each 1000] [--rounds 1] [--write]";
const flags = parseFlags(Deno.args, {
  seconds: { type: "string" },
  rate: { type: "string" },
  only: { type: "string" },
  connections: { type: "string" },
  each: { type: "string" },
  rounds: { type: "string" },
  write: { type: "boolean" },
}, USAGE);
const SECONDS = integerFlag("seconds", flags.seconds, 30);
const RATE = integerFlag("rate", flags.rate, 5000);
const CONNECTIONS = integerFlag("connections", flags.connections, 8);
const EACH = integerFlag("each", flags.each, 1000);
const ROUNDS = integerFlag("rounds", flags.rounds, 1);
const PARTS = ["firehose", "huge", "connections"];
const only = flags.only?.split(",") ?? PARTS;
const unknown = only.filter((part) => !PARTS.includes(part));
if (unknown.length > 0 || CONNECTIONS < 2 || CONNECTIONS > 16) {
  console.error(
    unknown.length > 0
      ? `--only names ${unknown.join(",")}, expected some of ${PARTS.join(",")}`
      : `--connections ${CONNECTIONS}: use 2 to 16`,
  );
  Deno.exit(2);
}
const MiB = 1024 * 1024;

/** One row of the report. */
interface Row {
  scenario: string;
  tasks: LongTaskSummary;
  note: string;
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

async function open(browser: Browser, origin: string): Promise<Page> {
  const { page } = await openClient(browser, origin);
  await reloadObserved(page);
  return page;
}

/**
 * The firehose at `rate` a second on each of `count` connections (one: the
 * page as it was before several connections).
 */
async function firehose(
  browser: Browser,
  origin: string,
  rate = RATE,
  count = 1,
): Promise<Row> {
  const hose = startFirehose({ rate, forMs: SECONDS * 1000 });
  try {
    const page = await open(browser, origin);
    await takeLongTasks(page, 0);
    if (count === 1) {
      await page.getByLabel("URL", { exact: true }).fill(hose.url);
      await connect(page);
    } else await openConnections(page, hose.url, count);
    await page.getByLabel("Message", { exact: true }).focus();
    // A key every 200 ms while the messages pour in, for the whole run.
    const keys = "abcdefghij".repeat(Math.ceil(SECONDS / 2)).slice(
      0,
      SECONDS * 5 - 10,
    );
    const latencies = await typingLatencies(page, keys, 200);
    while (hose.sent < count * rate * SECONDS) await page.waitForTimeout(100);
    await page.waitForTimeout(300);
    const tasks = await takeLongTasks(page, 300);
    const log = await page.locator('[data-testid="log-count"]').textContent();
    const each = count === 1 ? "" : `${count} connections × `;
    return {
      scenario: `Firehose: ${each}${
        rate.toLocaleString("en-US")
      } msg/s for ${SECONDS} s`,
      tasks,
      note: `${hose.sent.toLocaleString("en-US")} sent; typing latency p50 ${
        ms(percentile(latencies, 0.5))
      }, max ${
        ms(Math.max(...latencies))
      } over ${latencies.length} keys; log: ${log}`,
    };
  } finally {
    await hose.close();
  }
}

async function received(
  browser: Browser,
  origin: string,
  data: string | Uint8Array<ArrayBuffer>,
  what: string,
): Promise<Row[]> {
  const sender = serveMessages([data]);
  try {
    const page = await open(browser, origin);
    await page.getByLabel("URL", { exact: true }).fill(sender.url);
    await takeLongTasks(page, 0);
    await connect(page);
    await waitForEntries(page, "message", 1);
    const arrival = await takeLongTasks(page, 500);
    const entry = page.locator(".log .entry.message");
    await entry.getByRole("button", { name: "Show all" }).click();
    const box = entry.locator(".pieces");
    for (let i = 0; i < 20; i++) {
      await box.evaluate((el) => el.scrollTop += el.clientHeight * 3);
      await page.waitForTimeout(50);
    }
    const all = await takeLongTasks(page, 300);
    return [
      { scenario: `${what}: arrival and preview`, tasks: arrival, note: "" },
      { scenario: `${what}: Show all, scrolled`, tasks: all, note: "" },
    ];
  } finally {
    await sender.close();
  }
}

async function pasted(browser: Browser, origin: string): Promise<Row> {
  const page = await open(browser, origin);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
    origin,
  });
  await connect(page);
  await page.evaluate(
    (n) => navigator.clipboard.writeText("0123456789abcdef".repeat(n)),
    MiB,
  );
  await page.getByLabel("Message", { exact: true }).focus();
  await takeLongTasks(page, 0);
  await page.keyboard.press("Control+V");
  await page.locator("#large-draft-size").waitFor();
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await waitForEntries(page, "message", 1);
  const tasks = await takeLongTasks(page, 500);
  const stored = await page.evaluate(() => JSON.stringify(localStorage).length);
  return {
    scenario: "Paste 16 MiB of text, send it, its echo shown",
    tasks,
    note: `localStorage ${stored} characters`,
  };
}

async function file(browser: Browser, origin: string): Promise<Row> {
  const page = await open(browser, origin);
  await connect(page);
  await page.getByLabel("Send as").selectOption("file");
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "twelve.bin",
    mimeType: "application/octet-stream",
    buffer: Buffer.from(new Uint8Array(12_000_000).map((_, i) => i)),
  });
  await waitForText(page, "#composer-hint", "twelve.bin, 11.4 MiB");
  // Playwright's own File construction in the page is not the page's work.
  await takeLongTasks(page, 0);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await waitForEntries(page, "message", 1);
  return {
    scenario: "Send a 12 MB file, its echo shown",
    tasks: await takeLongTasks(page, 500),
    note: "",
  };
}

const server = await startServer({
  maxMessageBytes: 32 * MiB,
  sendHighWaterBytes: 64 * MiB,
});
const browser = await launchBrowser();
const origin = server.origin;
const rows: Row[] = [];
try {
  if (only.includes("firehose")) rows.push(await firehose(browser, origin));
  // Rounds alternate, so a busy spell on the machine hits both sides.
  for (let round = 0; only.includes("connections") && round < ROUNDS; round++) {
    rows.push(await firehose(browser, origin, CONNECTIONS * EACH));
    rows.push(await firehose(browser, origin, EACH, CONNECTIONS));
  }
  if (only.includes("huge")) rows.push(...await huge(browser, origin));
} finally {
  await browser.close();
  await server.close();
}

async function huge(browser: Browser, origin: string): Promise<Row[]> {
  const rows: Row[] = [];
  const text = "The quick brown fox jumps over the lazy dog 0123456789.\n"
    .repeat(Math.ceil(16 * MiB / 56)).slice(0, 16 * MiB);
  rows.push(...await received(browser, origin, text, "16 MiB text"));
  const bytes = Uint8Array.from({ length: 16 * MiB }, (_, i) => i & 0xff);
  rows.push(...await received(browser, origin, bytes, "16 MiB binary"));
  rows.push(await pasted(browser, origin));
  rows.push(await file(browser, origin));
  return rows;
}

const cpu = Deno.readTextFileSync("/proc/cpuinfo").match(
  /model name\s*:\s*(.+)/,
)?.[1] ?? "unknown CPU";
// Several connections alone have a section of their own, so a run of them
// keeps the other figures.
const heading = only.length === 1 && only[0] === "connections"
  ? PAGE_CONNECTIONS_HEADING
  : PAGE_LOAD_HEADING;
const lines = [
  heading,
  "",
  `- Command: \`deno run -A bench/page_load.ts${
    Deno.args.filter((a) => a !== "--write").map((a) => " " + a).join("")
  } [--write]\``,
  `- Machine: ${cpu}, ${navigator.hardwareConcurrency} cores; Deno ${Deno.version.deno}; ${
    new Date().toISOString().slice(0, 19)
  }Z`,
  "- Headless Chromium from Debian via playwright-core; long tasks are main-thread tasks over 50 ms (Long Tasks API), summed and the longest shown. Typing latency: key event to the first frame after the composer's value changed.",
  "",
  "| Scenario | Longest task | Long tasks, total | Count | Note |",
  "| --- | --- | --- | --- | --- |",
  ...rows.map((r) =>
    `| ${r.scenario} | ${ms(r.tasks.max)} | ${
      ms(r.tasks.total)
    } | ${r.tasks.count} | ${r.note} |`
  ),
];
const section = lines.join("\n") + "\n";
console.log(section);
if (flags.write) {
  const out = join(import.meta.dirname!, "RESULTS.md");
  Deno.writeTextFileSync(
    out,
    replaceSection(Deno.readTextFileSync(out), heading, section),
  );
  await new Deno.Command(Deno.execPath(), { args: ["fmt", "--quiet", out] })
    .output();
  console.log(`Written to ${out}`);
}
