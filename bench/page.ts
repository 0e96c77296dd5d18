/**
 * Measures the page: time to first byte of `GET /`, the HTML's size, and the
 * built client's sizes from `_fresh/manifest.json`, first-load JavaScript
 * apart from the chunks loaded on demand.
 *
 * @module
 */

import { readAssets } from "../core/assets.ts";
import { type PageWeight, pageWeight } from "../scripts/page_weight.ts";
import { median } from "./stats.ts";

/** Figures about the page as served and as built. */
export interface PageFigures {
  requests: number;
  /** The first request's time to first byte, in milliseconds. */
  firstTtfbMs: number;
  medianTtfbMs: number;
  p90TtfbMs: number;
  htmlBytes: number;
  htmlGzipBytes: number;
  /** The built assets' sizes, by when the browser loads them. */
  weight: PageWeight;
}

/**
 * Requests `/` `count` times, one at a time over fresh connections, timing
 * from sending the request to the first response byte.
 */
export async function measurePage(
  port: number,
  count: number,
  buildDir: URL,
): Promise<PageFigures> {
  const request = new TextEncoder().encode(
    `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/html\r\n` +
      "Connection: close\r\n\r\n",
  );
  const times: number[] = [];
  let html: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  for (let i = 0; i < count; i++) {
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    try {
      const started = performance.now();
      await conn.write(request);
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      const buffer = new Uint8Array(65_536);
      let n = await conn.read(buffer);
      times.push(performance.now() - started);
      while (n !== null) {
        chunks.push(buffer.slice(0, n));
        n = await conn.read(buffer);
      }
      html = await new Response(new Blob(chunks)).bytes();
    } finally {
      conn.close();
    }
  }
  const text = new TextDecoder().decode(html);
  const body = html.subarray(text.indexOf("\r\n\r\n") + 4);
  if (!/^HTTP\/1\.1 200/.test(text)) {
    throw new Error(`GET / answered ${text.split("\r\n")[0]}`);
  }
  const sorted = times.slice(1).sort((a, b) => a - b);
  return {
    requests: count,
    firstTtfbMs: times[0],
    medianTtfbMs: median(times.slice(1)),
    p90TtfbMs: sorted[Math.floor(sorted.length * 0.9)] ?? NaN,
    htmlBytes: body.length,
    htmlGzipBytes: await gzipLength(body),
    weight: pageWeight(readAssets(buildDir), buildDir),
  };
}

async function gzipLength(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return (await new Response(stream).bytes()).length;
}
