import assert from "node:assert/strict";
import { decodeToText } from "./codec_worker.ts";
import type { LogEntry } from "./event_log.ts";
import { decodedMembers } from "./ndjson_decoded.ts";
import { toNdjson } from "./ndjson.ts";
import type { ReadAs } from "./read_as.ts";

const PROTO = `syntax = "proto3"; message Point { int32 x = 1; }`;

function binary(id: number, bytes: number[], readAs?: ReadAs): LogEntry {
  const entry: LogEntry = {
    id,
    time: Date.UTC(2026, 0, 1),
    kind: "message",
    direction: "in",
    size: bytes.length,
    bytes: Uint8Array.from(bytes),
  };
  if (readAs) entry.readAs = readAs;
  return entry;
}

Deno.test("ndjson decoded - an entry read in a format exports its raw base64 and its decoded value, or why it does not decode", async () => {
  const entries = [
    binary(1, [0x81, 0xa1, 0x61, 0xc4, 0x01, 0xff], "msgpack"),
    binary(2, [0xc1]),
    binary(3, [0x08, 0x7f], "protobuf:Point"),
    binary(4, [0x01, 0x02]),
  ];
  const readAsOf = (e: LogEntry): ReadAs =>
    e.readAs ?? (e.id === 2 ? "cbor" : "hex");
  const extra = await decodedMembers(entries, readAsOf, PROTO, decodeToText);
  const lines = toNdjson(entries, 0, extra).trimEnd().split("\n").map((l) =>
    JSON.parse(l)
  );
  const head = {
    time: "2026-01-01T00:00:00.000Z",
    type: "message",
    direction: "in",
  };
  assert.deepEqual(lines, [
    {
      ...head,
      size: 6,
      data: "gaFhxAH/",
      encoding: "base64",
      readAs: "msgpack",
      decoded: { a: { $bytes: "ff" } },
    },
    {
      ...head,
      size: 1,
      data: "wQ==",
      encoding: "base64",
      readAs: "cbor",
      decodeError: "not CBOR: the data ends inside a data item (1 byte)",
    },
    {
      ...head,
      size: 2,
      data: "CH8=",
      encoding: "base64",
      readAs: "protobuf:Point",
      decoded: { x: 127 },
    },
    { ...head, size: 2, data: "AQI=", encoding: "base64" },
  ]);
});
