/**
 * `deno task screenshots`: photographs the real page for the docs. Starts the
 * app as `deno task start` does (building the client when stale) on
 * 127.0.0.1 port 0, opens it in Chromium at desktop and phone size, connects,
 * sends two messages so the log and the timeline show a session, and writes
 * `docs/images/workspace-1280.png` and `docs/images/workspace-390.png`.
 *
 * Run it again whenever the page changes, and commit the images.
 *
 * @module
 */

import { join } from "node:path";
// The tests' fixtures start the server and find the browser exactly as the
// browser tests do, so a picture is taken of what the tests check.
import { spawnServer } from "../tests/server_process.ts";
import {
  connect,
  launchBrowser,
  openClient,
  typeAndSend,
  waitForEntries,
} from "../tests/browser_helpers.ts";

/** Where the images go, beside the pages that show them. */
const OUT_DIR = join(import.meta.dirname!, "..", "docs", "images");

/** One picture: its file name and the viewport it is taken at. */
export interface Shot {
  file: string;
  width: number;
  height: number;
}

/** The desktop workspace and a phone (iPhone 12-14 CSS size). */
export const SHOTS: readonly Shot[] = [
  { file: "workspace-1280.png", width: 1280, height: 800 },
  { file: "workspace-390.png", width: 390, height: 844 },
];

/** The messages sent before each picture: text and JSON, echoed back. */
const MESSAGES = ["Hello, WebSocket!", '{"id":1,"op":"subscribe"}'];

/** Takes every picture in `SHOTS` and returns the paths written. */
export async function takeScreenshots(outDir = OUT_DIR): Promise<string[]> {
  await Deno.mkdir(outDir, { recursive: true });
  const server = await spawnServer({ LOG_LEVEL: "warn" });
  const written: string[] = [];
  try {
    const browser = await launchBrowser();
    try {
      for (const shot of SHOTS) {
        const { page } = await openClient(
          browser,
          `http://127.0.0.1:${server.port}`,
          { width: shot.width, height: shot.height },
        );
        await connect(page);
        for (const [i, text] of MESSAGES.entries()) {
          await typeAndSend(page, text);
          await waitForEntries(page, "message", i + 1);
        }
        // The timeline loads once the page is interactive; wait until it
        // has drawn the session's OPEN band.
        await page.waitForSelector(".timeline rect.band.s1");
        await page.getByLabel("Message", { exact: true }).blur();
        const path = join(outDir, shot.file);
        await page.screenshot({ path });
        written.push(path);
        await page.context().close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    server.child.kill("SIGTERM");
    await server.status;
  }
  return written;
}

if (import.meta.main) {
  for (const path of await takeScreenshots()) {
    const { size } = await Deno.stat(path);
    console.log(`${path} ${size} bytes`);
  }
}
