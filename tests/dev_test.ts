import assert from "node:assert/strict";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser } from "./browser_helpers.ts";
import { copyProject, freePort, waitFor } from "./project_copy.ts";

/** The page's stylesheet URL, or null while the server restarts. */
async function stylesheet(origin: string): Promise<string | null> {
  try {
    const html = await (await fetch(`${origin}/`)).text();
    return html.match(/<link rel="stylesheet" href="([^"]+)"/)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Appends `text` to the project file at `path`. */
function append(dir: string, path: string, text: string): Promise<void> {
  return Deno.writeTextFile(join(dir, path), text, { append: true });
}

/**
 * Marks the open page, runs `edit`, and waits until a reloaded page (no
 * mark) satisfies `ready`, which runs in the page.
 */
async function expectReload(
  page: Page,
  edit: () => Promise<void>,
  ready: string,
  what: string,
): Promise<void> {
  await page.evaluate(() => {
    (globalThis as { devMark?: boolean }).devMark = true;
  });
  await edit();
  await waitFor(async () => {
    try {
      const done = await page.evaluate(
        `!globalThis.devMark && document.readyState === "complete" && (${ready})`,
      );
      return done ? true : null;
    } catch {
      return null; // the page is navigating
    }
  }, what);
}

Deno.test({
  name:
    "dev - edits to the stylesheet, an island, a component or a route reload the open page",
  async fn(t) {
    const project = await copyProject();
    const port = freePort();
    const origin = `http://127.0.0.1:${port}`;
    const dev = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "dev.ts"],
      cwd: project.dir,
      env: { HOSTNAME: "127.0.0.1", PORT: String(port), LOG_LEVEL: "warn" },
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    const browser = await launchBrowser();
    try {
      const first = await waitFor(() => stylesheet(origin), "the first page");
      const page = await browser.newPage();
      await page.goto(`${origin}/`);
      await page.waitForSelector('[data-hydrated="true"]');

      await t.step("the stylesheet: rebuilt and served", async () => {
        await expectReload(
          page,
          () => append(project.dir, "static/styles.css", "\n/* edited */\n"),
          `document.querySelector('link[rel="stylesheet"]').href.endsWith(${
            JSON.stringify(first)
          }) === false`,
          "a reload with the new stylesheet",
        );
        const href = await page.$eval(
          'link[rel="stylesheet"]',
          (link) => link.getAttribute("href"),
        );
        assert.match(href!, /^\/_fresh\/styles-[0-9a-f]{12}\.css$/);
        const served = await (await fetch(`${origin}${href}`)).text();
        assert.ok(served.endsWith("/* edited */\n"));
      });

      await t.step("an island: a new bundle, hydrated", async () => {
        const before = await page.$eval(
          "script[src]",
          (script) => script.getAttribute("src"),
        );
        await expectReload(
          page,
          () =>
            append(
              project.dir,
              "islands/EchoClient.tsx",
              '\nconsole.debug("edited island");\n',
            ),
          `document.querySelector("script[src]").getAttribute("src") !== ${
            JSON.stringify(before)
          } && document.querySelector('[data-hydrated="true"]') !== null`,
          "a reload with the new bundle",
        );
      });

      await t.step("a component", async () => {
        await expectReload(
          page,
          () => append(project.dir, "components/Page.tsx", "\n// edited\n"),
          `document.querySelector('[data-hydrated="true"]') !== null`,
          "a reload after a component edit",
        );
      });

      await t.step("a route: the server restarts with it", async () => {
        const path = join(project.dir, "routes/index.tsx");
        const source = await Deno.readTextFile(path);
        assert.ok(source.includes("<h1>WebSocket Echo</h1>"));
        await expectReload(
          page,
          () =>
            Deno.writeTextFile(
              path,
              source.replace(
                "<h1>WebSocket Echo</h1>",
                "<h1>Edited Echo</h1>",
              ),
            ),
          `document.querySelector("h1").textContent === "Edited Echo"`,
          "a reload with the edited route",
        );
      });
    } finally {
      await browser.close();
      dev.kill("SIGTERM");
      await dev.status;
      await project.remove();
    }
  },
});
