import assert from "node:assert/strict";
import { CODE_TARGETS, type CodeSession, sessionCode } from "./session_code.ts";

const SESSION: CodeSession = {
  url: "ws://127.0.0.1:8000/api/ws?a=1&b=2",
  protocols: ["chat"],
  messages: ["hello", new Uint8Array([0, 255])],
  close: { code: 4000, reason: "bye" },
  notes: ["The first 2 of 3 messages sent are here."],
};

Deno.test("session code - every target names the URL, the messages, the close and the notes", () => {
  const bytes = {
    browser: "new Uint8Array([0x00, 0xff])",
    deno: "new Uint8Array([0x00, 0xff])",
    node: "Buffer.from([0x00, 0xff])",
    python: 'b"\\x00\\xff"',
    websocat: "printf '\\000\\377'",
    wscat: "binary message(s) left out",
  };
  for (const { id } of CODE_TARGETS) {
    const code = sessionCode(id, SESSION);
    assert.ok(code.includes("ws://127.0.0.1:8000/api/ws?a=1&b=2"), id);
    assert.ok(code.includes("hello"), id);
    assert.ok(code.includes(bytes[id]), `${id}: ${bytes[id]}`);
    assert.ok(code.includes("4000"), id);
    assert.ok(code.includes("The first 2 of 3 messages sent are here."), id);
    assert.ok(code.includes("chat"), id);
  }
});

Deno.test("session code - the programs close with the session's code and reason", () => {
  assert.match(sessionCode("browser", SESSION), /ws\.close\(4000, "bye"\);/);
  assert.match(sessionCode("node", SESSION), /ws\.close\(4000, "bye"\);/);
  assert.match(
    sessionCode("python", SESSION),
    /await ws\.close\(4000, "bye"\)/,
  );
});

Deno.test("session code - without a close the programs close with 1000; without messages, once open", () => {
  const empty: CodeSession = { url: "ws://h:1/", protocols: [], messages: [] };
  const browser = sessionCode("browser", empty);
  assert.match(browser, /ws\.onopen = \(\) => \{\n {2}ws\.close\(1000\);\n\};/);
  assert.match(browser, /new WebSocket\("ws:\/\/h:1\/"\);/);
  assert.match(
    sessionCode("node", empty),
    /ws\.on\("open", \(\) => \{\n {2}ws\.close\(1000\);/,
  );
  assert.match(sessionCode("python", empty), /MESSAGES = \[\]/);
  assert.match(sessionCode("python", empty), /await ws\.close\(1000\)/);
  assert.match(sessionCode("websocat", empty), /--close-status-code 1000/);
});

Deno.test("session code - the Deno program allows the network for the URL's host only", () => {
  assert.match(
    sessionCode("deno", SESSION),
    /deno run --allow-net=127\.0\.0\.1:8000 echo\.js/,
  );
});
