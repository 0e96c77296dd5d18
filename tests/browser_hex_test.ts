import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Page } from "playwright-core";
import { hexDump } from "../client/bytes.ts";
import { pieceText } from "../client/message_preview.ts";
import {
  axeViolations,
  connect,
  launchBrowser,
  openClient,
  waitForEntries,
} from "./browser_helpers.ts";
import { startServer } from "./helpers.ts";

const SHORT = Uint8Array.from({ length: 40 }, (_, i) => 0x41 + i);
// Past 64 KiB: drawn in a box of pieces, the second one's offsets from 0x10000.
const LONG = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) & 0xff);

/** Sends `bytes` as a file, as a person would, and waits for the echo. */
async function sendBytes(page: Page, bytes: Uint8Array, echoes: number) {
  await page.getByLabel("Send as").selectOption("file");
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: "bytes.bin",
    mimeType: "application/octet-stream",
    buffer: Buffer.from(bytes),
  });
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await waitForEntries(page, "message", echoes);
}

/** Each box's content width beyond its own, 0 when nothing scrolls sideways. */
function overflow(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((boxes) =>
    boxes.map((box) => box.scrollWidth - box.clientWidth)
  );
}

for (
  const [width, height, perLine] of [[390, 844, 8], [1280, 800, 16]] as const
) {
  Deno.test(`hex - at ${width}x${height} a dump line holds ${perLine} bytes and fits its box`, async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const { page, problems } = await openClient(
        browser,
        server.origin,
        { width, height },
      );
      await connect(page);
      await sendBytes(page, SHORT, 1);
      const short = page.locator(".log .entry.message pre.hex");
      const lines = (await short.textContent())!.split("\n");
      // 40 bytes: offsets step by the bytes per line, each line holds that many.
      assert.deepEqual(
        lines.map((line) => line.slice(0, 8)),
        perLine === 8
          ? ["00000000", "00000008", "00000010", "00000018", "00000020"]
          : ["00000000", "00000010", "00000020"],
      );
      assert.equal(lines[0].slice(10).trim().split(/\s+/).length, perLine + 1);
      assert.deepEqual(lines, hexDump(SHORT, 512, perLine));
      // The send's entry and the echo's.
      assert.deepEqual(await overflow(page, ".log .entry pre.hex"), [0, 0]);

      await sendBytes(page, LONG, 2);
      const long = page.locator(".log .entry.message").nth(1);
      await long.getByRole("button", { name: /^Show all/ }).click();
      const pieces = long.locator(".pieces pre.hex");
      await pieces.nth(1).scrollIntoViewIfNeeded();
      // A piece is filled in as it nears the box's view.
      await long.locator(".pieces pre.hex:not(.pending)").nth(1).waitFor();
      assert.equal(
        await pieces.nth(1).textContent(),
        pieceText(LONG, 1, "hex", perLine),
      );
      assert.equal(
        await pieces.nth(0).textContent(),
        pieceText(LONG, 0, "hex", perLine),
      );
      const second = (await pieces.nth(1).textContent())!.split("\n");
      const step = perLine.toString(16).padStart(8, "0");
      assert.deepEqual(
        [second[0].slice(0, 8), second[1].slice(0, 8), step],
        ["00010000", (0x10000 + perLine).toString(16).padStart(8, "0"), step],
      );
      assert.deepEqual(await overflow(page, ".log .entry .pieces"), [0, 0]);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
