import assert from "node:assert/strict";
import { formatBytes } from "../core/format.ts";
import {
  FIRST_LOAD_JS_BUDGET_GZIP,
  pageWeight,
} from "../scripts/page_weight.ts";
import { ensureBuilt } from "./helpers.ts";

Deno.test("page weight - first-load JavaScript stays within 25000 B gzipped", async () => {
  const weight = pageWeight(await ensureBuilt());
  const line = (when: string, a: { url: string; gzip: number }) =>
    `  ${when.padEnd(10)} ${a.url.padEnd(36)} ${a.gzip} B gzip`;
  console.log(
    [
      `First-load JavaScript: ${weight.firstLoadGzip} B gzip (${
        formatBytes(weight.firstLoadGzip)
      }), budget ${FIRST_LOAD_JS_BUDGET_GZIP} B`,
      ...weight.firstLoad.map((a) => line("first load", a)),
      ...weight.onDemand.map((a) => line("on demand", a)),
    ].join("\n"),
  );
  assert.ok(
    weight.firstLoadGzip <= FIRST_LOAD_JS_BUDGET_GZIP,
    `first-load JavaScript is ${weight.firstLoadGzip} B gzipped, over the ${FIRST_LOAD_JS_BUDGET_GZIP} B budget: load a panel on demand with import()`,
  );
});

Deno.test("page weight - the speed test, the behaviour and handshake panels, the presets, script and link code, the Code view, each format's codec, the log's entries, its export, the merged log of several connections, the refusal explanations and the timeline's lanes are on-demand chunks, not first-load", async () => {
  const assets = await ensureBuilt();
  const weight = pageWeight(assets);
  assert.deepEqual(
    weight.firstLoad.map((a) => a.url),
    [assets.script, ...assets.preload ?? []],
  );
  // Shared chunks (`chunk-…`) hold what on-demand chunks share: the script
  // parser (the Code view and the script panel), the codec worker's code.
  assert.deepEqual(
    weight.onDemand.map((a) => a.url.replace(/-[0-9A-Z]{8}\.js$/, ""))
      .filter((name) => name !== "/_fresh/chunk"),
    [
      "/_fresh/BehaviourPanel",
      "/_fresh/CodeView",
      "/_fresh/ConnectionTabs",
      "/_fresh/FormatUi",
      "/_fresh/HandshakePanel",
      "/_fresh/LogEntry",
      "/_fresh/LongMessage",
      "/_fresh/MultiLog",
      "/_fresh/ProtoFields",
      "/_fresh/SpeedTest",
      "/_fresh/Timeline",
      "/_fresh/TimelineLanes",
      "/_fresh/codec_cbor",
      "/_fresh/codec_msgpack",
      "/_fresh/codec_protobuf",
      "/_fresh/codec_worker",
      "/_fresh/draft_format",
      "/_fresh/ndjson",
      "/_fresh/refusal",
      "/_fresh/session_chunk",
    ],
  );
});
