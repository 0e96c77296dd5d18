import assert from "node:assert/strict";
import { basename } from "node:path";
import { SHOTS, takeScreenshots } from "../scripts/screenshots.ts";

/** A PNG's width and height, from its IHDR chunk (PNG spec §11.2.2). */
function pngSize(bytes: Uint8Array): [number, number] {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  assert.deepEqual([...bytes.subarray(0, 8)], signature, "not a PNG");
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
}

Deno.test("screenshots - photographs the real page at 1280x800 and 390x844", async () => {
  const dir = await Deno.makeTempDir({ prefix: "screenshots-" });
  try {
    const written = await takeScreenshots(dir);
    assert.deepEqual(written.map((path) => basename(path)), [
      "workspace-1280.png",
      "workspace-390.png",
    ]);
    for (const [i, path] of written.entries()) {
      const bytes = await Deno.readFile(path);
      assert.deepEqual(pngSize(bytes), [SHOTS[i].width, SHOTS[i].height]);
      // A page that drew nothing compresses to a few kilobytes.
      assert.ok(bytes.length > 20_000, `${path} is ${bytes.length} bytes`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
