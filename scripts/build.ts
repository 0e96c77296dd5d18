/**
 * `deno task build`: bundles the islands for the browser with `deno bundle`,
 * names each output by its content hash, precompresses it, and writes the
 * manifest the server reads. Prints each file's raw and compressed size.
 *
 * Builds may run at once (test files under `deno test --parallel`, the dev
 * loop): every file is written under a temporary name and renamed into place,
 * so a reader never sees a partial file, and the manifest is renamed last.
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";
import {
  ASSET_PREFIX,
  type Assets,
  BUILD_DIR,
  readAssets,
} from "../core/assets.ts";
import { formatBytes } from "../core/format.ts";
import { liveReloadScript } from "../core/live_reload.ts";

const ROOT = join(import.meta.dirname!, "..");
const ENTRY = "client/hydrate.tsx";
const STYLE = "static/styles.css";
/** Folders whose changes make the bundle stale (the page bundles the example script). */
export const CLIENT_SOURCES = [
  "client",
  "components",
  "examples",
  "islands",
  "core",
  "static",
];

/** What `deno bundle` names the entry's output in its outdir. */
const ENTRY_OUTPUT = "hydrate.js";
/** A lazily loaded chunk as esbuild names it: `name-HASH8.js`. */
const CHUNK = /^[\w.-]+-[0-9A-Z]{8}\.js$/;
/** Output files' names: `hydrate-<hash>.js`, chunks, `.gz` and `.br` beside. */
const HASHED =
  /^((hydrate|styles|reload)-[0-9a-f]{12}\.(js|css)|[\w.-]+-[0-9A-Z]{8}\.js)(\.gz|\.br)?$/;

/** How to build. */
export interface BuildOptions {
  /** Adds `deno task dev`'s live-reload script to the page. @default {false} */
  dev?: boolean;
}

/** Builds every client asset into `_fresh/` and returns the manifest. */
export async function build(options: BuildOptions = {}): Promise<Assets> {
  await Deno.mkdir(BUILD_DIR, { recursive: true });
  const outdir = new URL(`${temporary("bundle").href}/`);
  try {
    // Code splitting: a module the page loads with `import()` (a panel the
    // user opens) becomes a chunk of its own, fetched when first needed, so
    // it does not weigh on every page load.
    const result = await new Deno.Command(Deno.execPath(), {
      args: [
        "bundle",
        "--quiet",
        "--platform",
        "browser",
        "--minify",
        "--code-splitting",
        "--outdir",
        fileURLToPath(outdir),
        ENTRY,
      ],
      cwd: ROOT,
      stdout: "inherit",
      stderr: "inherit",
    }).output();
    if (!result.success) throw new Error("deno bundle failed");
    const chunks: string[] = [];
    let script = "";
    let preload: string[] = [];
    for await (const entry of Deno.readDir(outdir)) {
      const bytes = await Deno.readFile(new URL(entry.name, outdir));
      if (entry.name === ENTRY_OUTPUT) {
        script = await emit("hydrate", "js", bytes);
        preload = staticImports(new TextDecoder().decode(bytes));
      } else if (CHUNK.test(entry.name)) {
        // esbuild names chunks by their content hash already, and the entry
        // imports them by that name, relative to itself.
        chunks.push(await emit(entry.name, "", bytes));
      } else throw new Error(`deno bundle wrote an unexpected ${entry.name}`);
    }
    const style = await emit(
      "styles",
      "css",
      await Deno.readFile(join(ROOT, STYLE)),
    );
    const assets: Assets = { script, style, chunks: chunks.sort(), preload };
    if (options.dev) {
      const source = new TextEncoder().encode(liveReloadScript());
      assets.reload = await emit("reload", "js", source);
    }
    await writeAtomically(
      new URL("manifest.json", BUILD_DIR),
      new TextEncoder().encode(JSON.stringify(assets, null, 2) + "\n"),
    );
    await prune(assets);
    return assets;
  } finally {
    await Deno.remove(outdir, { recursive: true }).catch(() => {});
  }
}

/**
 * The chunks that minified module code imports statically (`from"./x.js"`),
 * as URLs; `import("./x.js")` loads on demand and is left out.
 */
export function staticImports(code: string): string[] {
  return [...code.matchAll(/\bfrom\s*"\.\/([\w.-]+\.js)"/g)]
    .map(([, file]) => `${ASSET_PREFIX}${file}`);
}

/** A unique name in the build folder for a file being written. */
function temporary(name: string): URL {
  return new URL(`.${crypto.randomUUID()}-${name}`, BUILD_DIR);
}

/** Writes `bytes` under a temporary name, then renames it to `target`. */
async function writeAtomically(target: URL, bytes: Uint8Array): Promise<void> {
  const partial = temporary("partial");
  await Deno.writeFile(partial, bytes);
  await Deno.rename(partial, target);
}

/**
 * Removes hashed outputs of earlier builds that the manifest no longer
 * names. A concurrent build of the same sources writes the same names, so
 * nothing it serves is removed.
 */
async function prune(assets: Assets): Promise<void> {
  const keep = new Set(
    [assets.script, assets.style, assets.reload ?? "", ...assets.chunks ?? []]
      .map((url) => url.slice(ASSET_PREFIX.length)),
  );
  for await (const entry of Deno.readDir(BUILD_DIR)) {
    const base = entry.name.replace(/\.(gz|br)$/, "");
    if (HASHED.test(entry.name) && !keep.has(base)) {
      await Deno.remove(new URL(entry.name, BUILD_DIR)).catch(() => {});
    }
  }
}

/**
 * Writes `name-<hash>.ext` with .gz and .br beside it, or `name` as it is
 * when `ext` is empty (a name that holds its hash already); returns its URL.
 */
async function emit(name: string, ext: string, bytes: Uint8Array<ArrayBuffer>) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  const hash = Array.from(
    new Uint8Array(digest).subarray(0, 6),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
  const file = ext === "" ? name : `${name}-${hash}.${ext}`;
  const gz = gzipSync(bytes, { level: 9 });
  const br = brotliCompressSync(bytes);
  await writeAtomically(new URL(file, BUILD_DIR), bytes);
  await writeAtomically(new URL(`${file}.gz`, BUILD_DIR), gz);
  await writeAtomically(new URL(`${file}.br`, BUILD_DIR), br);
  console.log(
    `${file.padEnd(28)} ${formatBytes(bytes.length).padStart(9)} raw  ${
      formatBytes(gz.length).padStart(9)
    } gzip  ${formatBytes(br.length).padStart(9)} brotli`,
  );
  return `${ASSET_PREFIX}${file}`;
}

/**
 * True when the manifest is missing, was written by the dev loop, or is
 * older than any client source.
 */
export async function isStale(): Promise<boolean> {
  let built: number;
  try {
    built = (await Deno.stat(new URL("manifest.json", BUILD_DIR))).mtime!
      .getTime();
    if (readAssets().reload !== undefined) return true;
  } catch {
    return true;
  }
  const newest = async (path: string): Promise<number> => {
    const info = await Deno.stat(path);
    if (!info.isDirectory) return info.mtime?.getTime() ?? Infinity;
    let max = 0;
    for await (const entry of Deno.readDir(path)) {
      max = Math.max(max, await newest(join(path, entry.name)));
    }
    return max;
  };
  for (const name of [...CLIENT_SOURCES, "deno.json"]) {
    if (await newest(join(ROOT, name)) > built) return true;
  }
  return false;
}

if (import.meta.main) await build();
