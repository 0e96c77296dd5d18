import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import type { Assets } from "../core/assets.ts";
import { copyProject } from "./project_copy.ts";

/** The `build` of a project copy, which writes into that copy's `_fresh/`. */
type Build = () => Promise<Assets>;

Deno.test("build - three builds at once into one folder all succeed and leave a whole manifest", async () => {
  const project = await copyProject();
  try {
    const module = pathToFileURL(join(project.dir, "scripts", "build.ts"));
    const { build } = await import(module.href) as { build: Build };
    const [first, second, third] = await Promise.all([
      build(),
      build(),
      build(),
    ]);
    assert.deepEqual(second, first);
    assert.deepEqual(third, first);
    const out = join(project.dir, "_fresh");
    const manifest = JSON.parse(
      await Deno.readTextFile(join(out, "manifest.json")),
    );
    assert.deepEqual(manifest, first);
    const named = [first.script, first.style, ...first.chunks ?? []]
      .map((url) => url.replace("/_fresh/", ""));
    const files = [];
    for await (const entry of Deno.readDir(out)) files.push(entry.name);
    // Nothing half-written is left: no temporary names, no stale outputs.
    assert.deepEqual(
      files.sort(),
      [
        "manifest.json",
        ...named.flatMap((name) => [name, `${name}.br`, `${name}.gz`]),
      ].sort(),
    );
    for (const name of named) {
      const raw = await Deno.readFile(join(out, name));
      const gz = gunzipSync(await Deno.readFile(join(out, `${name}.gz`)));
      assert.deepEqual(new Uint8Array(gz), raw, `${name}.gz matches ${name}`);
    }
  } finally {
    await project.remove();
  }
});
