/**
 * The build's manifest: which hashed file serves each client asset.
 *
 * @module
 */

/** Where `deno task build` writes its output. */
export const BUILD_DIR = new URL("../_fresh/", import.meta.url);

/** URL path under which the hashed build output is served, from BUILD_DIR. */
export const ASSET_PREFIX = "/_fresh/";

/** Public URLs of the built assets, by logical name. */
export interface Assets {
  /** The island bundle, e.g. `/_fresh/hydrate-3f2a9c1b.js`. */
  script: string;
  /** The stylesheet, e.g. `/_fresh/styles-8d0e77aa.css`. */
  style: string;
  /** Chunks split from the bundle, by URL. */
  chunks?: string[];
  /**
   * The chunks the bundle imports statically, which the page names with
   * `<link rel="modulepreload">` so they load alongside it, not after it.
   */
  preload?: string[];
  /** `deno task dev`'s live-reload script; absent from a production build. */
  reload?: string;
}

/**
 * Reads the manifest that `deno task build` wrote.
 *
 * @throws {Error} when the build has not run, saying how to run it
 */
export function readAssets(dir: URL = BUILD_DIR): Assets {
  let text: string;
  try {
    text = Deno.readTextFileSync(new URL("manifest.json", dir));
  } catch {
    throw new Error(
      "Cannot start: the client bundle is missing; run `deno task build` (or `deno task start`, which builds it)",
    );
  }
  return JSON.parse(text) as Assets;
}
