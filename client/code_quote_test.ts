import assert from "node:assert/strict";
import {
  commentText,
  jsByteList,
  jsString,
  printfBytes,
  pyBytes,
  pyString,
  shellQuote,
  wellFormed,
} from "./code_quote.ts";

const TRICKY = [
  `it's "quoted" \\ $HOME \${x} \`cmd\``,
  "two\nlines\r\n\ttab\0nul",
  "é 漢字 😀 \u202e\u2028\u2029\ufeff\u0085",
  "",
];

Deno.test("code quote - a JavaScript literal evaluates back to the same text", () => {
  for (const text of TRICKY) {
    const literal = jsString(text);
    assert.equal(new Function(`return ${literal};`)(), text);
  }
});

Deno.test("code quote - invisible and direction-changing characters are written as escapes", () => {
  assert.equal(jsString("a\u202eb\u2028"), '"a\\u202eb\\u2028"');
  assert.equal(jsString("\u{e0001}"), '"\\u{e0001}"');
  assert.equal(
    pyString("a\u202eb\x7f\u{e0001}"),
    '"a\\u202eb\\x7f\\U000e0001"',
  );
  assert.equal(jsString("é 漢字 😀"), '"é 漢字 😀"');
});

Deno.test("code quote - a lone surrogate becomes U+FFFD, as WebSocket.send() sends it", () => {
  assert.equal(wellFormed("a\ud800b\udc00"), "a\ufffdb\ufffd");
  assert.equal(wellFormed("😀"), "😀");
  assert.equal(jsString("\ud800"), '"\ufffd"');
});

Deno.test("code quote - Python text escapes quotes, backslashes and breaks", () => {
  assert.equal(pyString(`a"b\\c\nd'e`), `"a\\"b\\\\c\\nd'e"`);
});

Deno.test("code quote - bytes as Python and JavaScript literals and a printf format", () => {
  const bytes = new Uint8Array([0, 0x22, 0x5c, 0xff]);
  assert.equal(pyBytes(bytes), 'b"\\x00\\x22\\x5c\\xff"');
  assert.equal(jsByteList(bytes), "0x00, 0x22, 0x5c, 0xff");
  assert.equal(printfBytes(bytes), "'\\000\\042\\134\\377'");
});

Deno.test("code quote - shell words: single quotes with '\\'' for a quote, $'...' for invisible characters", () => {
  assert.equal(shellQuote("it's $HOME"), "'it'\\''s $HOME'");
  assert.equal(shellQuote("a\nb"), "'a\nb'");
  assert.equal(shellQuote("a\u202e'"), "$'a\\xe2\\x80\\xae\\''");
});

Deno.test("code quote - comment text stays on one line", () => {
  assert.equal(commentText("a\nb\u2028c"), "a\\nb\\u2028c");
});
