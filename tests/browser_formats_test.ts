import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import type { Locator, Page } from "playwright-core";
import { startServer } from "./helpers.ts";
import {
  axeViolations,
  connect,
  launchBrowser,
  openClient,
  typeAndSend,
  waitForEntries,
} from "./browser_helpers.ts";

const PROTO = `syntax = "proto3";
package demo;
message Point { int32 x = 1; int32 y = 2; repeated Point near = 3; }`;

/** Waits until entry's payload (its first `pre`) starts with `start`; returns it. */
async function body(entry: Locator, start: string): Promise<string> {
  const pre = entry.locator("pre.detail").first();
  const deadline = Date.now() + 10_000;
  while (true) {
    const text = await pre.textContent({ timeout: 10_000 }).catch(() => "");
    if (text?.startsWith(start)) return text;
    if (Date.now() > deadline) {
      assert.fail(
        `entry shows ${JSON.stringify(text?.slice(0, 80))}, not ${
          JSON.stringify(start)
        }…`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sets an entry's own "Read entry N as" choice. */
async function readEntryAs(page: Page, entry: Locator, value: string) {
  const name = (await entry.locator("select").getAttribute("name"))!;
  await page.getByLabel(`Read entry ${name.slice("read-as-".length)} as`)
    .selectOption(value);
}

const entries = (page: Page, kind: string) =>
  page.locator(`.log .entry.${kind}`);

Deno.test("formats - Send as MessagePack, CBOR or Protobuf encodes the JSON typed; the log reads each as sent, the echo as chosen", async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await connect(page);
    const sendAs = page.getByLabel("Send as");

    await t.step(
      "MessagePack: the sent entry reads as MessagePack; the echo as hex until chosen",
      async () => {
        await sendAs.selectOption("msgpack");
        await typeAndSend(
          page,
          '{"a": [1, {"$bytes": "00ff"}], "big": {"$bigint": "18446744073709551615"}}',
        );
        await waitForEntries(page, "message", 1);
        const pretty =
          '{\n  "a": [\n    1,\n    {\n      "$bytes": "00ff"\n    }\n  ],\n  "big": {\n    "$bigint": "18446744073709551615"\n  }\n}';
        assert.equal(await body(entries(page, "send").nth(0), "{"), pretty);
        assert.equal(server.app.echo.metrics.bytesIn, 22);
        const echo = entries(page, "message").nth(0);
        await body(
          echo,
          "00000000  82 a1 61 92 01 c4 02 00 ff a3 62 69 67 cf ff ff",
        );
        await readEntryAs(page, echo, "msgpack");
        assert.equal(await body(echo, "{"), pretty);
      },
    );

    await t.step(
      "CBOR: the Binary as default reads every echo as CBOR",
      async () => {
        await page.getByText("Log options").click();
        await page.getByLabel("Binary as").selectOption("cbor");
        await sendAs.selectOption("cbor");
        await typeAndSend(
          page,
          '[1.5, {"$undefined": true}, {"$tag": 1, "value": 0}]',
        );
        await waitForEntries(page, "message", 2);
        const echo = entries(page, "message").nth(1);
        assert.equal(
          await body(echo, "["),
          '[\n  1.5,\n  {\n    "$undefined": true\n  },\n  {\n    "$tag": 1,\n    "value": 0\n  }\n]',
        );
        await readEntryAs(page, echo, "hex");
        await body(echo, "00000000  83 f9 3e 00 f7 c1 00 ");
      },
    );

    await t.step(
      "Protobuf: a pasted schema lists its types; the message goes in that type",
      async () => {
        await sendAs.selectOption("protobuf");
        // The schema panel opens with the mode, empty until given a schema.
        await page.getByText("Paste a proto3 schema, or open a .proto file.")
          .waitFor();
        assert.deepEqual(await axeViolations(page), []);
        await page.getByLabel("Open a .proto file").setInputFiles({
          name: "two.proto",
          mimeType: "text/plain",
          buffer: Buffer.from(
            'syntax = "proto3"; message A { int32 a = 1; } message B { A a = 1; }',
          ),
        });
        await page.getByText("2 message types").waitFor();
        assert.equal(await page.getByLabel("Message type").inputValue(), "A");
        await page.getByLabel("Schema (.proto)").fill(PROTO);
        await page.getByText("1 message type").waitFor();
        assert.equal(
          await page.getByLabel("Message type").inputValue(),
          "demo.Point",
        );
        await typeAndSend(page, '{"x": -1, "near": [{"y": 2}]}');
        await waitForEntries(page, "message", 3);
        const sent = entries(page, "send").nth(2);
        assert.equal(
          await body(sent, "{"),
          '{\n  "x": -1,\n  "y": 0,\n  "near": [\n    {\n      "x": 0,\n      "y": 2,\n      "near": []\n    }\n  ]\n}',
        );
        await readEntryAs(page, sent, "hex");
        // -1 as an int32 is a ten-byte varint.
        await body(
          sent,
          "00000000  08 ff ff ff ff ff ff ff ff ff 01 1a 02 10 02 ",
        );
        const echo = entries(page, "message").nth(2);
        await readEntryAs(page, echo, "protobuf:demo.Point");
        await body(echo, '{\n  "x": -1,');
      },
    );

    await t.step(
      "no axe-core violations with the schema fields and decoded entries",
      async () => {
        assert.deepEqual(await axeViolations(page), []);
      },
    );
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("formats - a message that does not decode says why in one line and keeps its hex dump", async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await connect(page);
    await page.getByLabel("Send as").selectOption("hex");
    await typeAndSend(page, "c1");
    await waitForEntries(page, "message", 1);
    const echo = entries(page, "message").nth(0);
    const cases = [
      ["msgpack", "not MessagePack: byte 0xc1 at offset 0 is never used"],
      ["cbor", "not CBOR: the data ends inside a data item (1 byte)"],
    ];
    for (const [format, line] of cases) {
      await t.step(format, async () => {
        await readEntryAs(page, echo, format);
        await echo.locator("p.problem", { hasText: line }).waitFor();
        assert.equal(await echo.locator("p.problem").count(), 1);
        await body(echo, "00000000  c1 ");
      });
    }
    await t.step("no axe-core violations with the problem shown", async () => {
      assert.deepEqual(await axeViolations(page), []);
    });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("formats - a value a format cannot hold is not sent, and says why", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page } = await openClient(browser, server.origin);
    await connect(page);
    await page.getByLabel("Send as").selectOption("msgpack");
    await typeAndSend(page, '{"a": {"$undefined": true}}');
    await page.getByRole("alert").filter({
      hasText: 'Not sent: $.a: "$undefined" is not in MessagePack',
    }).waitFor();
    assert.equal(server.app.echo.metrics.messagesIn, 0);
  } finally {
    await browser.close();
    await server.close();
  }
});

Deno.test("formats - the NDJSON export keeps the bytes as base64 and puts the decoded value beside them", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await connect(page);
    await page.getByLabel("Send as").selectOption("msgpack");
    await typeAndSend(page, '{"a": {"$bytes": "ff"}}');
    await waitForEntries(page, "message", 1);
    const echo = entries(page, "message").nth(0);
    await readEntryAs(page, echo, "cbor");
    await echo.locator("p.problem").waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /NDJSON$/ }).click(),
    ]);
    const lines = (await Deno.readTextFile(await download.path()))
      .trimEnd().split("\n").map((line) => JSON.parse(line))
      .filter((record) => record.type === "send" || record.type === "message")
      .map(({ time: _, rttMs: __, ...record }) => record);
    assert.deepEqual(lines, [
      {
        type: "send",
        direction: "out",
        size: 6,
        data: "gaFhxAH/",
        encoding: "base64",
        readAs: "msgpack",
        decoded: { a: { $bytes: "ff" } },
      },
      {
        type: "message",
        direction: "in",
        size: 6,
        data: "gaFhxAH/",
        encoding: "base64",
        readAs: "cbor",
        decodeError: "not CBOR: a text string is not valid UTF-8",
      },
    ]);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
