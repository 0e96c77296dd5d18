/**
 * `deno task stress --memory`: what clients that send and never read cost
 * the server with its default limits. Ten clients (by default) each send
 * messages of `MAX_MESSAGE_BYTES` as fast as TCP lets them and read nothing
 * until the server gives up on them; the server's RSS is sampled every
 * 50 ms. Passes when every client was closed and the peak stayed under the
 * budget: what fits an instance on Deno Deploy (768 MB) with room to spare.
 *
 * @module
 */

import { DEFAULT_CONFIG } from "../core/config.ts";
import { formatBytes } from "../core/format.ts";
import { slowReaders } from "./abusers.ts";
import { rssBytes } from "./proc.ts";
import { startProject } from "./servers.ts";

/** How the memory scenario runs. */
export interface MemoryOptions {
  /** Clients at once. @default {10} */
  clients?: number;
  /** Peak server RSS allowed. @default {536870912} */
  budgetBytes?: number;
}

/** Runs the scenario; returns the problems found (none: it passed). */
export async function runMemoryScenario(
  options: MemoryOptions = {},
): Promise<string[]> {
  const clients = options.clients ?? 10;
  const budget = options.budgetBytes ?? 512 * 1024 * 1024;
  const { maxMessageBytes, sendHighWaterBytes } = DEFAULT_CONFIG;
  // Enough to fill the server's queue for the client twice over.
  const messages = Math.ceil(2 * sendHighWaterBytes / maxMessageBytes) + 2;
  console.log(
    `Default limits: MAX_MESSAGE_BYTES=${maxMessageBytes} SEND_HIGH_WATER_BYTES=${sendHighWaterBytes}`,
  );
  console.log(
    `${clients} clients at once, each sending ${messages} binary messages of ${
      formatBytes(maxMessageBytes)
    } and reading nothing for 10 s`,
  );
  const server = await startProject("project", { LOG_LEVEL: "warn" });
  const problems: string[] = [];
  const startRss = rssBytes(server.pid);
  let peakRss = startRss;
  const sampler = setInterval(() => {
    const rss = rssBytes(server.pid);
    if (rss > peakRss) peakRss = rss;
  }, 50);
  try {
    const outcomes = await slowReaders(
      server.port,
      clients,
      { binary: true, bytes: maxMessageBytes },
      messages,
      10_000,
    );
    console.log(
      `What the clients saw: ${
        [...outcomes].map(([label, n]) => `${label} ×${n}`).join(", ")
      }`,
    );
    const closed = ["close 1013", "reset before a close frame"]
      .reduce((n, label) => n + (outcomes.get(label) ?? 0), 0);
    if (closed !== clients) {
      problems.push(`${clients - closed} clients were not closed with 1013`);
    }
  } finally {
    clearInterval(sampler);
    if (Number.isNaN(rssBytes(server.pid))) {
      problems.push("the server process died");
    }
    await server.stop();
  }
  console.log(
    `Server RSS: ${formatBytes(startRss)} at start, peak ${
      formatBytes(peakRss)
    } (budget ${formatBytes(budget)})`,
  );
  if (!(peakRss < budget)) {
    problems.push(
      `peak RSS ${formatBytes(peakRss)} is over ${formatBytes(budget)}`,
    );
  }
  return problems;
}
