/**
 * Measures the page in headless Chromium: time to first byte and time until
 * the island is interactive (hydrated), over several cold loads, against a
 * server started as `deno task start` starts it.
 *
 * Usage: deno run -A bench/page_timing.ts [loads, default 10]
 *
 * @module
 */

import { join } from "node:path";
import { launchBrowser } from "../tests/browser_helpers.ts";
import { integerArgument } from "./flags.ts";

const LOADS = integerArgument(
  Deno.args,
  "number of loads",
  10,
  "deno run -A bench/page_timing.ts [loads]",
);
const ROOT = join(import.meta.dirname!, "..");

const port = 20_000 + Math.floor(Math.random() * 20_000);
const launcher = new Deno.Command(Deno.execPath(), {
  args: ["run", "-A", "scripts/start.ts"],
  cwd: ROOT,
  env: { HOSTNAME: "127.0.0.1", PORT: String(port), LOG_LEVEL: "warn" },
  stdout: "null",
  stderr: "null",
}).spawn();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const browser = await launchBrowser();
try {
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    const up = await fetch(url).then((r) => r.body?.cancel(), () => false);
    if (up !== false) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const ttfb: number[] = [];
  const interactive: number[] = [];
  const dcl: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    // A new context each time: a cold cache, as a first visit.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('[data-hydrated="true"]');
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType(
        "navigation",
      )[0] as PerformanceNavigationTiming;
      const hydrated = performance.getEntriesByName("islands-hydrated")[0];
      return {
        ttfb: nav.responseStart - nav.startTime,
        dcl: nav.domContentLoadedEventEnd - nav.startTime,
        hydrated: hydrated.startTime,
      };
    });
    ttfb.push(t.ttfb);
    dcl.push(t.dcl);
    interactive.push(t.hydrated);
    await context.close();
  }
  const f = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`page timing over ${LOADS} cold loads in headless Chromium:`);
  console.log(`  time to first byte    median ${f(median(ttfb))}`);
  console.log(`  DOMContentLoaded      median ${f(median(dcl))}`);
  console.log(`  island interactive    median ${f(median(interactive))}`);
} finally {
  await browser.close();
  launcher.kill("SIGTERM");
  await launcher.status;
}
