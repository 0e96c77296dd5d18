import assert from "node:assert/strict";
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

/** The text an entry's payload shows, once it is decoded (or not). */
async function bodyText(entry: Locator): Promise<string> {
  await entry.locator("pre.detail").first().waitFor();
  return (await entry.locator("pre.detail").first().textContent())!;
}

/** Sets entry `n`'s own "Read as" choice. */
async function readEntryAs(page: Page, entry: Locator, value: string) {
  const id = (await entry.locator("select").getAttribute("name"))!
    .replace("read-as-", "");
  await page.getByLabel(`Read entry ${id} as`).selectOption(value);
}

function entries(page: Page, kind: string): Locator {
  return page.locator(`.log .entry.${kind}`);
}

Deno.test("formats - Send as MessagePack, CBOR or Protobuf encodes the JSON typed; the log reads each as sent, the echo as chosen", async (t) => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openClient(browser, server.origin);
    await connect(page);
    const sendAs = page.getByLabel("Send as");

    await t.step(
      "MessagePack: the sent entry reads as MessagePack, its bytes are the encoding",
      async () => {
        await sendAs.selectOption("msgpack");
        await typeAndSend(
          page,
          '{"a": [1, {"$bytes": "00ff"}], "big": {"$bigint": "18446744073709551615"}}',
        );
        await waitForEntries(page, "message", 1);
        const sent = entries(page, "send").nth(0);
        assert.equal(
          await bodyText(sent),
          '{\n  "a": [\n    1,\n    {\n      "$bytes": "00ff"\n    }\n  ],\n  "big": {\n    "$bigint": "18446744073709551615"\n  }\n}',
        );
        assert.equal(server.app.echo.metrics.bytesIn, 22);
        // The echo reads as the default, a hex dump; reading it as MessagePack decodes it.
        const echo = entries(page, "message").nth(0);
        assert.match(
          await bodyText(echo),
          /^00000000  82 a1 61 92 01 c4 02 00 ff a3 62 69 67 cf ff ff/,
        );
        await readEntryAs(page, echo, "msgpack");
        await page.waitForFunction(() =>
          document.querySelectorAll(".log .entry.message pre.detail.text")
            .length === 1
        );
        assert.equal(await bodyText(echo), await bodyText(sent));
      },
    );

    await t.step(
      "CBOR: the default for binary entries turns every echo to CBOR",
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
          await bodyText(echo),
          '[\n  1.5,\n  {\n    "$undefined": true\n  },\n  {\n    "$tag": 1,\n    "value": 0\n  }\n]',
        );
        await readEntryAs(page, echo, "hex");
        assert.match(await bodyText(echo), /^00000000  83 f9 3e 00 f7 c1 00 /);
      },
    );

    await t.step(
      "Protobuf: a pasted schema lists its types; the message goes in that type",
      async () => {
        await sendAs.selectOption("protobuf");
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
          await bodyText(sent),
          '{\n  "x": -1,\n  "y": 0,\n  "near": [\n    {\n      "x": 0,\n      "y": 2,\n      "near": []\n    }\n  ]\n}',
        );
        await readEntryAs(page, sent, "hex");
        assert.match(
          await bodyText(sent),
          /^00000000  08 ff ff ff ff ff ff ff ff ff 01 1a 02 10 02 /,
        );
        // The echo, read by the CBOR default, does not decode: it says why.
        const echo = entries(page, "message").nth(2);
        await readEntryAs(page, echo, "protobuf:demo.Point");
        assert.match(await bodyText(echo), /"x": -1/);
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
