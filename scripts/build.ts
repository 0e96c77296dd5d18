/**
 * `deno task build`: bundles the islands for the browser with `deno bundle`,
 * names each output by its content hash, precompresses it, and writes the
 * manifest the server reads. Prints each file's raw and compressed size.
 *
 * @module
 */

import { brotliCompressSync, gzipSync } from "node:zlib";
import { ASSET_PREFIX, type Assets, BUILD_DIR } from "../core/assets.ts";
import { formatBytes } from "../core/format.ts";

const ROOT = new URL("../", import.meta.url);
const ENTRY = "client/hydrate.tsx";
const STYLE = "static/styles.css";
/** Folders whose changes make the bundle stale. */
export const CLIENT_SOURCES = [
  "client",
  "components",
  "islands",
  "core",
  "static",
];

/** Builds every client asset into `_fresh/` and returns the manifest. */
export async function build(): Promise<Assets> {
  await Deno.remove(BUILD_DIR, { recursive: true }).catch(() => {});
  await Deno.mkdir(BUILD_DIR, { recursive: true });
  const bundled = new URL("bundle.js", BUILD_DIR);
  const result = await new Deno.Command(Deno.execPath(), {
    args: [
      "bundle",
      "--quiet",
      "--platform",
      "browser",
      "--minify",
      "--output",
      bundled.pathname,
      ENTRY,
    ],
    cwd: ROOT.pathname,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!result.success) throw new Error("deno bundle failed");
  const script = await emit("hydrate", "js", await Deno.readFile(bundled));
  await Deno.remove(bundled);
  const style = await emit(
    "styles",
    "css",
    await Deno.readFile(new URL(STYLE, ROOT)),
  );
  const assets: Assets = { script, style };
  await Deno.writeTextFile(
    new URL("manifest.json", BUILD_DIR),
    JSON.stringify(assets, null, 2) + "\n",
  );
  return assets;
}

/** Writes `name-<hash>.ext` with .gz and .br beside it; returns its URL. */
async function emit(name: string, ext: string, bytes: Uint8Array<ArrayBuffer>) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  const hash = Array.from(
    new Uint8Array(digest).subarray(0, 6),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
  const file = `${name}-${hash}.${ext}`;
  const gz = gzipSync(bytes, { level: 9 });
  const br = brotliCompressSync(bytes);
  await Deno.writeFile(new URL(file, BUILD_DIR), bytes);
  await Deno.writeFile(new URL(`${file}.gz`, BUILD_DIR), gz);
  await Deno.writeFile(new URL(`${file}.br`, BUILD_DIR), br);
  console.log(
    `${file.padEnd(28)} ${formatBytes(bytes.length).padStart(9)} raw  ${
      formatBytes(gz.length).padStart(9)
    } gzip  ${formatBytes(br.length).padStart(9)} brotli`,
  );
  return `${ASSET_PREFIX}${file}`;
}

/** True when the manifest is missing or older than any client source. */
export async function isStale(): Promise<boolean> {
  let built: number;
  try {
    built = (await Deno.stat(new URL("manifest.json", BUILD_DIR))).mtime!
      .getTime();
  } catch {
    return true;
  }
  const newest = async (url: URL): Promise<number> => {
    const info = await Deno.stat(url);
    if (!info.isDirectory) return info.mtime?.getTime() ?? Infinity;
    let max = 0;
    for await (const entry of Deno.readDir(url)) {
      const child = new URL(entry.name + (entry.isDirectory ? "/" : ""), url);
      max = Math.max(max, await newest(child));
    }
    return max;
  };
  for (const dir of [...CLIENT_SOURCES.map((d) => `${d}/`), "deno.json"]) {
    if (await newest(new URL(dir, ROOT)) > built) return true;
  }
  return false;
}

if (import.meta.main) await build();
