import assert from "node:assert/strict";
import { join } from "node:path";
import axe from "axe-core";
import type { Browser, Page } from "playwright-core";
import { renderToString } from "preact-render-to-string";
import { h } from "preact";
import { Timeline } from "../components/Timeline.tsx";
import { launchBrowser, openWatchedPage } from "./browser_helpers.ts";
import { SCENARIOS } from "./fixtures/timeline_traces.ts";

const ROOT = join(import.meta.dirname!, "..");
/** Where screenshots go when set; none are taken otherwise. */
const SHOTS = Deno.env.get("TIMELINE_SCREENSHOTS");

/** Bundles the fixture entry as the build bundles the island. */
async function bundle(): Promise<string> {
  const dir = await Deno.makeTempDir();
  const output = `${dir}/timeline.js`;
  const result = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--quiet",
      "--platform",
      "browser",
      "--minify",
      "--output",
      output,
      "tests/fixtures/timeline_entry.tsx",
    ],
    cwd: ROOT,
  }).output();
  assert.ok(result.success, new TextDecoder().decode(result.stderr));
  const script = await Deno.readTextFile(output);
  await Deno.remove(dir, { recursive: true });
  return script;
}

/**
 * The test page, with the timeline rendered in it when `ssr`. Not a `<main>`:
 * the workspace styles make that a flex row, which would size the chart to
 * its content.
 */
function page(name: string, ssr: boolean): string {
  const { trace, now } = SCENARIOS[name]();
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Timeline</title><link rel="stylesheet" href="/styles.css">
<script type="module" src="/timeline.js"></script></head>
<body><div role="main"><h1>Timeline</h1><div id="root">${
    ssr ? renderToString(h(Timeline, { trace, now })) : ""
  }</div><a href="#root">Back to the timeline</a></div></body></html>`;
}

/** The test page, its script and axe, under the app's CSP. */
async function serve() {
  const files: Record<string, [string, string]> = {
    "/timeline.js": ["text/javascript", await bundle()],
    "/styles.css": [
      "text/css",
      await Deno.readTextFile(join(ROOT, "static", "styles.css")),
    ],
    "/axe.js": ["text/javascript", axe.source],
  };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (request) => {
      const url = new URL(request.url);
      const [type, body] = files[url.pathname] ?? [
        "text/html",
        page(
          url.searchParams.get("trace") ?? "short",
          url.searchParams.get("render") !== "client",
        ),
      ];
      return new Response(body, {
        headers: {
          "content-type": `${type}; charset=utf-8`,
          "content-security-policy":
            "default-src 'self'; script-src 'self'; style-src 'self'",
        },
      });
    },
  );
  return {
    origin: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}

async function open(
  browser: Browser,
  url: string,
  width = 1280,
) {
  const watched = await openWatchedPage(browser, { width, height: 800 });
  await watched.page.goto(url);
  await watched.page.waitForSelector('#root[data-hydrated="true"]');
  return watched;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ url: "/axe.js" });
  return await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const result = await (globalThis as any).axe.run(document);
    return result.violations.map((v: { id: string; nodes: unknown[] }) =>
      `${v.id} (${v.nodes.length})`
    );
  });
}

const detail = (page: Page) => page.locator(".timeline-detail").textContent();

Deno.test("Timeline - server-renders four bands for a closed session", () => {
  const html = renderToString(h(Timeline, SCENARIOS.short()));
  assert.deepEqual(
    [...html.matchAll(/class="band (s\d)/g)].map((m) => m[1]),
    ["s0", "s1", "s2", "s3"],
  );
  assert.equal([...html.matchAll(/tabindex="0"/gi)].length, 1);
});

Deno.test("Timeline - in Chromium", async (t) => {
  const server = await serve();
  const browser = await launchBrowser();
  try {
    await t.step("four bands in readyState order, left to right", async () => {
      const { page, problems } = await open(browser, `${server.origin}/`);
      const bands = await page.locator(".timeline rect.band").evaluateAll(
        (rects) =>
          rects.map((r) => {
            const box = (r as SVGRectElement).getBBox();
            return {
              state: r.getAttribute("class"),
              name: r.getAttribute("aria-label"),
              x: box.x,
              width: box.width,
            };
          }),
      );
      assert.deepEqual(bands.map((b) => b.state), [
        "band s0",
        "band s1",
        "band s2",
        "band s3",
      ]);
      assert.deepEqual(bands.map((b) => b.name?.split(" ")[0]), [
        "CONNECTING",
        "OPEN",
        "CLOSING",
        "CLOSED",
      ]);
      for (let i = 1; i < bands.length; i++) {
        const end = bands[i - 1].x + bands[i - 1].width;
        assert.equal(bands[i].x.toFixed(1), end.toFixed(1));
      }
      // CLOSING lasts 0.2 ms: still 2px wide; the final CLOSED gets 8px.
      assert.deepEqual(bands.slice(2).map((b) => b.width), [2, 8]);
      assert.equal(
        await page.locator(".timeline figcaption").textContent(),
        "Timeline 1 socket, 3.000 s, closed",
      );
      assert.deepEqual(problems, []);
    });

    // Rendered by the server and hydrated, or rendered in the browser, as
    // marks a live session adds are: attributes must work both ways.
    for (
      const [how, query] of [
        ["server-rendered", ""],
        ["rendered in the browser", "&render=client"],
      ]
    ) {
      await t.step(`${how}: one Tab stop, keys move it`, async () => {
        const { page, problems } = await open(
          browser,
          `${server.origin}/?trace=short${query}`,
        );
        const stops = () =>
          page.locator(".timeline rect").evaluateAll((rects) =>
            rects.filter((r) => (r as SVGElement).tabIndex === 0)
              .map((r) => r.getAttribute("aria-label"))
          );
        const focused = () =>
          page.evaluate(() =>
            document.activeElement?.getAttribute("aria-label") ?? null
          );
        const first = "new WebSocket, ws://127.0.0.1:8000/api/ws, at 0.000 s";
        assert.deepEqual(await stops(), [first]);
        await page.keyboard.press("Tab");
        assert.equal(await focused(), first);
        assert.equal(await detail(page), first);
        await page.keyboard.press("ArrowRight");
        const connecting = "CONNECTING from 0.000 s to 0.042 s, new WebSocket";
        assert.equal(await focused(), connecting);
        assert.equal(await detail(page), connecting);
        await page.keyboard.press("End");
        const closed = "CLOSED from 3.000 s to 3.000 s, close frame received";
        assert.equal(await focused(), closed);
        assert.equal(await detail(page), closed);
        assert.deepEqual(await stops(), [closed]);
        await page.keyboard.press("Tab");
        assert.equal(await focused(), null);
        assert.equal(
          await detail(page),
          "Hover over or focus a band or mark to see its details.",
        );
        // Back into the timeline: where the reader left it.
        await page.keyboard.press("Shift+Tab");
        assert.equal(await focused(), closed);
        assert.deepEqual(problems, []);
      });
    }

    await t.step("hovering a mark shows its details", async () => {
      const { page, problems } = await open(browser, `${server.origin}/`);
      const failed = page.locator(".timeline rect.failed");
      await failed.hover();
      assert.equal(
        await detail(page),
        "step 2 failed, expected 4 echoes, got 3, at 1.800 s",
      );
      assert.equal(
        await failed.getAttribute("class"),
        "mark step failed active",
      );
      await page.mouse.move(5, 5);
      assert.equal(
        await detail(page),
        "Hover over or focus a band or mark to see its details.",
      );
      assert.deepEqual(problems, []);
    });

    await t.step(
      "30 minutes, 180,000 entries, a reconnect: binned",
      async () => {
        const { page, problems } = await open(
          browser,
          `${server.origin}/?trace=long`,
        );
        assert.equal(
          await page.locator(".timeline figcaption").textContent(),
          "Timeline 2 sockets, 30:00.000, closed",
        );
        const elements = await page.locator(".timeline svg *").count();
        assert.ok(elements < 800, `${elements} SVG elements`);
        assert.deepEqual(
          await page.locator(".timeline .tick text").allTextContents(),
          ["0", "5 min", "10 min", "15 min", "20 min", "25 min", "30 min"],
        );
        const states = await page.locator(".timeline rect.band").evaluateAll(
          (rects) => rects.map((r) => r.getAttribute("class")),
        );
        assert.deepEqual(states, [
          "band s0",
          "band s1",
          "band s3",
          "band s0",
          "band s1",
          "band s2",
          "band s3",
        ]);
        // A bin of one row and column: its count and time range.
        await page.locator(".timeline rect.message").nth(50).hover();
        assert.match(
          (await detail(page))!,
          /^\d+ messages, \d+:\d\d\.\d{3}–\d+:\d\d\.\d{3}$/,
        );
        assert.deepEqual(problems, []);
      },
    );

    for (const width of [1280, 390]) {
      for (const name of ["short", "long"]) {
        await t.step(`axe: no violations, ${name} at ${width}px`, async () => {
          const { page, problems } = await open(
            browser,
            `${server.origin}/?trace=${name}`,
            width,
          );
          await page.keyboard.press("Tab");
          assert.deepEqual(await axeViolations(page), []);
          if (SHOTS) {
            await page.locator(".timeline").screenshot({
              path: `${SHOTS}/timeline-${name}-${width}.png`,
            });
            await page.emulateMedia({ colorScheme: "dark" });
            await page.locator(".timeline").screenshot({
              path: `${SHOTS}/timeline-${name}-${width}-dark.png`,
            });
          }
          assert.deepEqual(problems, []);
        });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
