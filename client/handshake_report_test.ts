import assert from "node:assert/strict";
import { parseHandshakeReport } from "./handshake_report.ts";

const REPORT = {
  method: "GET",
  path: "/api/ws?handshake=1",
  headers: [["host", "127.0.0.1:8000"], ["sec-websocket-version", "13"]],
  remote: "127.0.0.1:51234",
  protocol: "",
};

Deno.test("parseHandshakeReport - returns the report the server sent", () => {
  assert.deepEqual(parseHandshakeReport(JSON.stringify(REPORT)), REPORT);
});

Deno.test("parseHandshakeReport - null for other messages", () => {
  for (
    const text of [
      "",
      "hello",
      "{not json",
      "[1,2]",
      JSON.stringify({ ...REPORT, headers: [["host"]] }),
      JSON.stringify({ ...REPORT, method: undefined }),
      JSON.stringify({ ...REPORT, headers: "host: x" }),
    ]
  ) {
    assert.equal(parseHandshakeReport(text), null, text);
  }
});
