import assert from "node:assert/strict";
import type { Locator } from "playwright-core";
import { encodeCbor } from "../client/codec_cbor.ts";
import { encodeMsgpack } from "../client/codec_msgpack.ts";
import { encodeProtobuf, parseProto } from "../client/codec_protobuf.ts";
import { startServer } from "./helpers.ts";
import {
  connect,
  launchBrowser,
  openClient,
  waitForEntries,
} from "./browser_helpers.ts";
import { reloadObserved, serveMessages, takeLongTasks } from "./page_load.ts";

const MiB = 1024 * 1024;
/** The bound for a huge message. */
const MAX_TASK_MS = 500;
const PROTO = `syntax = "proto3"; package demo;
message Point { int32 x = 1; int32 y = 2; repeated Point near = 3; string label = 4; }`;

// Three 16 MiB messages, each hard in its own way: one byte string of
// 16 MiB (32 Mi hex digits to show), a million small items, and a 16 MiB
// string field.
const MSGPACK = encodeMsgpack({ raw: { $bytes: "ab".repeat(16 * MiB - 16) } });
const CBOR = encodeCbor(
  Array.from({ length: 1_000_000 }, (_, i) => ({ i: i * 3 })).map((o) => o.i),
);
const PROTOBUF = encodeProtobuf(parseProto(PROTO).message("Point"), {
  x: -1,
  label: "é".repeat(8 * MiB - 8),
});

async function waitForDecoded(entry: Locator, start: string): Promise<string> {
  const pre = entry.locator("pre.detail").first();
  await pre.waitFor({ timeout: 60_000 });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const text = (await pre.textContent()) ?? "";
    if (text.startsWith(start)) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`entry never showed ${start}`);
}

Deno.test("formats huge - a 16 MiB MessagePack, CBOR or Protobuf message decodes in a worker: no main-thread task over 500 ms", async () => {
  assert.ok(MSGPACK.length <= 16 * MiB && MSGPACK.length > 16 * MiB - 64);
  assert.ok(PROTOBUF.length <= 16 * MiB && PROTOBUF.length > 16 * MiB - 64);
  const server = await startServer();
  const sender = serveMessages([MSGPACK, CBOR, PROTOBUF]);
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    // The schema, as a reader would have given it on an earlier visit.
    await page.evaluate((schema) =>
      localStorage.setItem(
        "echo.protoSchema",
        JSON.stringify({ schema, types: ["demo.Point"] }),
      ), PROTO);
    await reloadObserved(page);
    await page.getByText("Log options").click();
    await page.getByLabel("Binary as").selectOption("msgpack");
    await takeLongTasks(page, 0);
    await page.getByLabel("URL", { exact: true }).fill(sender.url);
    await connect(page);
    await waitForEntries(page, "message", 3);
    const [msgpack, cbor, protobuf] = await page.locator(".log .entry.message")
      .all();
    const cborId = (await cbor.locator("select").getAttribute("name"))!.slice(
      8,
    );
    const protoId = (await protobuf.locator("select").getAttribute("name"))!
      .slice(8);
    await page.getByLabel(`Read entry ${cborId} as`).selectOption("cbor");
    await page.getByLabel(`Read entry ${protoId} as`).selectOption(
      "protobuf:demo.Point",
    );
    const shown = [
      await waitForDecoded(msgpack, '{\n  "raw": {\n    "$bytes": "abab'),
      await waitForDecoded(cbor, "[\n  0,\n  3,\n  6,"),
      await waitForDecoded(
        protobuf,
        '{\n  "x": -1,\n  "y": 0,\n  "near": [],\n  "label": "éé',
      ),
    ];
    // Each shows its first 64 Ki characters, the rest on request.
    assert.deepEqual(shown.map((text) => text.length), [65536, 65536, 65536]);
    assert.match(
      await msgpack.locator(".more").innerText(),
      /^First 65,536 of 33,554,4[0-9]{2} characters shown Show all Download$/,
    );
    const tasks = await takeLongTasks(page, 500);
    assert.ok(tasks.max < MAX_TASK_MS, `longest task ${tasks.max} ms`);
    console.log(
      `16 MiB in three formats: longest main-thread task ${tasks.max} ms`,
    );
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await sender.close();
    await server.close();
  }
});

Deno.test("formats huge - pasting 16 MiB of JSON and sending it as MessagePack encodes in a worker: no task over 500 ms", async () => {
  const server = await startServer({
    maxMessageBytes: 32 * MiB,
    sendHighWaterBytes: 64 * MiB,
  });
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await page.context().grantPermissions(
      ["clipboard-read", "clipboard-write"],
      {
        origin: server.origin,
      },
    );
    await reloadObserved(page);
    await connect(page);
    await page.getByLabel("Send as").selectOption("msgpack");
    await page.evaluate(
      (n) =>
        navigator.clipboard.writeText(
          `{"text": "${"0123456789abcdef".repeat(n)}"}`,
        ),
      MiB - 1,
    );
    await takeLongTasks(page, 0);
    await page.getByLabel("Message", { exact: true }).focus();
    await page.keyboard.press("Control+V");
    await page.locator("#large-draft-size").waitFor();
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await waitForEntries(page, "message", 1);
    // fixmap, "text", str32 and 16 MiB less 16 characters.
    assert.equal(server.app.echo.metrics.bytesIn, 1 + 5 + 5 + 16 * MiB - 16);
    const sent = page.locator(".log .entry.send");
    assert.equal(await sent.locator(".size").textContent(), "16.0 MiB");
    await waitForDecoded(sent, '{\n  "text": "0123456789abcdef0123');
    const tasks = await takeLongTasks(page, 500);
    assert.ok(tasks.max < MAX_TASK_MS, `longest task ${tasks.max} ms`);
    console.log(
      `16 MiB of JSON sent as MessagePack: longest main-thread task ${tasks.max} ms`,
    );
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
