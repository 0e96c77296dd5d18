/**
 * Page-under-load fixtures: main-thread long tasks and input latency read
 * in Chromium, and a fast WebSocket sender for a firehose. Shared by the
 * browser tests that hold the page to the thresholds and by
 * bench/page_load.ts, which prints the figures.
 *
 * @module
 */

import type { Page } from "playwright-core";

/** Long tasks seen since the last reset. */
export interface LongTaskSummary {
  /** Longest task in ms; 0 when none passed the API's 50 ms threshold. */
  max: number;
  /** Sum of their durations in ms. */
  total: number;
  count: number;
}

/**
 * Starts recording long tasks (the Long Tasks API reports every main-thread
 * task over 50 ms) in every document `page` loads from now on. The script
 * goes in over the DevTools protocol, which the page's CSP does not govern.
 */
export async function observeLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as unknown as { __longTasks: number[] };
    g.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) g.__longTasks.push(entry.duration);
    }).observe({ type: "longtask", buffered: true });
  });
}

/**
 * The long tasks recorded since the last call, after the page had `settleMs`
 * to report the last of them; the record starts empty again.
 */
export async function takeLongTasks(
  page: Page,
  settleMs = 200,
): Promise<LongTaskSummary> {
  await page.waitForTimeout(settleMs);
  const durations = await page.evaluate(() => {
    const g = globalThis as unknown as { __longTasks: number[] };
    return g.__longTasks.splice(0);
  });
  return {
    max: durations.reduce((a, b) => Math.max(a, b), 0),
    total: durations.reduce((a, b) => a + b, 0),
    count: durations.length,
  };
}

/**
 * Types `keys` into the focused field one key at a time and returns, for
 * each, the ms from the key event's timestamp to the first animation frame
 * after the field's value changed: how long a person waits to see it.
 */
export async function typingLatencies(
  page: Page,
  keys: string,
  gapMs = 50,
): Promise<number[]> {
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      __keyAt: number;
      __latencies: number[];
    };
    g.__latencies = [];
    document.addEventListener("keydown", (e) => g.__keyAt = e.timeStamp, {
      capture: true,
    });
    document.addEventListener("input", () => {
      const at = g.__keyAt;
      requestAnimationFrame(() => g.__latencies.push(performance.now() - at));
    }, { capture: true });
  });
  for (const key of keys) {
    await page.keyboard.type(key);
    await page.waitForTimeout(gapMs);
  }
  await page.waitForFunction(
    (n) =>
      (globalThis as unknown as { __latencies: number[] }).__latencies
        .length >= n,
    keys.length,
  );
  return await page.evaluate(() =>
    (globalThis as unknown as { __latencies: number[] }).__latencies
  );
}

/** The value below which `share` of `values` lie (nearest rank). */
export function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(
    sorted.length - 1,
    Math.ceil(share * sorted.length) - 1,
  );
  return sorted[Math.max(0, rank)];
}

/** How a {@linkcode startFirehose} sender sends. */
export interface FirehoseOptions {
  /** Messages per second. @default {5000} */
  rate?: number;
  /** How long each socket is fed, in ms. @default {30000} */
  forMs?: number;
}

/** A sender on 127.0.0.1 and what it has sent. */
export interface Firehose {
  /** `ws://127.0.0.1:PORT/` */
  url: string;
  /** Messages sent so far, over every socket. */
  readonly sent: number;
  /** Resolves when the current socket has been fed for `forMs`. */
  done: Promise<void>;
  close(): Promise<void>;
}

/**
 * A WebSocket server that sends small JSON text messages (as the echo
 * server's `push` does) at `rate` a second to each socket for `forMs`.
 * Every 10 ms it sends what the elapsed time calls for, so a late timer is
 * made up at the next.
 */
export function startFirehose(options: FirehoseOptions = {}): Firehose {
  const rate = options.rate ?? 5000;
  const forMs = options.forMs ?? 30_000;
  let sent = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => finish = resolve);
  const timers = new Set<ReturnType<typeof setInterval>>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (request) => {
      const { socket, response } = Deno.upgradeWebSocket(request);
      socket.onopen = () => {
        const start = performance.now();
        let own = 0;
        const timer = setInterval(() => {
          const elapsed = Math.min(performance.now() - start, forMs);
          const due = Math.floor(elapsed * rate / 1000);
          while (own < due && socket.readyState === WebSocket.OPEN) {
            own++;
            sent++;
            socket.send(
              `{"push":${own},"time":"${new Date().toISOString()}"}`,
            );
          }
          if (elapsed >= forMs) {
            clearInterval(timer);
            timers.delete(timer);
            finish();
          }
        }, 10);
        timers.add(timer);
      };
      socket.onclose = () => {};
      return response;
    },
  );
  return {
    url: `ws://127.0.0.1:${server.addr.port}/`,
    get sent() {
      return sent;
    },
    done,
    async close() {
      for (const timer of timers) clearInterval(timer);
      finish();
      await server.shutdown();
    },
  };
}

/** A sender of fixed messages on 127.0.0.1. */
export interface MessageSender {
  /** `ws://127.0.0.1:PORT/` */
  url: string;
  close(): Promise<void>;
}

/** A WebSocket server that sends `messages`, in order, to each socket on open. */
export function serveMessages(
  messages: readonly (string | Uint8Array<ArrayBuffer>)[],
): MessageSender {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (request) => {
      const { socket, response } = Deno.upgradeWebSocket(request);
      socket.onopen = () => {
        for (const message of messages) socket.send(message);
      };
      return response;
    },
  );
  return {
    url: `ws://127.0.0.1:${server.addr.port}/`,
    close: () => server.shutdown(),
  };
}

/** Opens `page` anew with long tasks recorded from its first script on. */
export async function reloadObserved(page: Page): Promise<void> {
  await observeLongTasks(page);
  await page.reload();
  await page.waitForSelector(
    '[data-island="EchoClient"][data-hydrated="true"]',
  );
}

/**
 * Gives the page `count` connections to `url` (A, B, …; the first "Add
 * connection" makes two, each Duplicate one more) and connects each in
 * turn, waiting for its tab to say "open". Returns with the last selected.
 */
export async function openConnections(
  page: Page,
  url: string,
  count: number,
): Promise<void> {
  await page.getByLabel("URL", { exact: true }).fill(url);
  await page.getByRole("button", { name: "Add connection" }).click();
  const tabs = page.getByRole("tab");
  await tabs.nth(1).waitFor();
  while ((await tabs.count()) < count) {
    await page.getByRole("button", { name: "Duplicate" }).click();
  }
  for (let i = 0; i < count; i++) {
    await tabs.nth(i).click();
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await page.waitForFunction(
      (n) =>
        [...document.querySelectorAll('[role="tab"] .tab-state')]
          .filter((el) => el.textContent === "open").length === n,
      i + 1,
    );
  }
}
