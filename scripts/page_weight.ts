/**
 * What the built page weighs, read from the build's manifest and the
 * precompressed files beside each asset: the JavaScript every visit loads
 * (the island bundle and the chunks it imports statically), the chunks loaded
 * on demand with `import()`, and the stylesheet.
 *
 * @module
 */

import { ASSET_PREFIX, type Assets, BUILD_DIR } from "../core/assets.ts";

/**
 * The most gzipped JavaScript a first visit may load, in bytes; a panel that
 * would push past it is loaded on demand instead (see components/LazyDetails).
 */
export const FIRST_LOAD_JS_BUDGET_GZIP = 25_000;

/** One built file's sizes, in bytes. */
export interface AssetSize {
  /** Its URL, e.g. `/_fresh/hydrate-3f2a9c1b7d0e.js`. */
  url: string;
  raw: number;
  gzip: number;
  brotli: number;
}

/** The built page's assets, by when the browser loads them. */
export interface PageWeight {
  /** The island bundle, then the chunks it imports statically. */
  firstLoad: AssetSize[];
  /** Chunks that `import()` fetches when a panel first needs them. */
  onDemand: AssetSize[];
  style: AssetSize;
  /** Sum of `firstLoad`'s gzipped sizes. */
  firstLoadGzip: number;
}

/** Sizes the assets that `assets` (a manifest in `dir`) names. */
export function pageWeight(assets: Assets, dir: URL = BUILD_DIR): PageWeight {
  const size = (url: string): AssetSize => {
    const file = new URL(url.slice(ASSET_PREFIX.length), dir);
    const bytes = (suffix: string) =>
      Deno.statSync(new URL(file.href + suffix)).size;
    return { url, raw: bytes(""), gzip: bytes(".gz"), brotli: bytes(".br") };
  };
  const preload = assets.preload ?? [];
  const firstLoad = [assets.script, ...preload].map(size);
  return {
    firstLoad,
    onDemand: (assets.chunks ?? []).filter((url) => !preload.includes(url))
      .map(size),
    style: size(assets.style),
    firstLoadGzip: firstLoad.reduce((sum, asset) => sum + asset.gzip, 0),
  };
}
