import assert from "node:assert/strict";
import { checkJson, prettyJson } from "./json_text.ts";

Deno.test("checkJson - null for JSON, the parser's message otherwise", () => {
  assert.equal(checkJson('{"a":[1,2]}'), null);
  assert.equal(checkJson("42"), null);
  const error = checkJson("{a:1}");
  assert.ok(error?.startsWith("Not JSON: "), error ?? "");
  assert.equal(checkJson(""), "Not JSON: Unexpected end of JSON input");
});

Deno.test("prettyJson - indents objects and arrays", () => {
  assert.equal(
    prettyJson('{"a":[1,2],"b":{"c":null}}'),
    '{\n  "a": [\n    1,\n    2\n  ],\n  "b": {\n    "c": null\n  }\n}',
  );
  assert.equal(prettyJson(" [true]"), "[\n  true\n]");
});

Deno.test("prettyJson - leaves scalars and non-JSON alone", () => {
  assert.equal(prettyJson("42"), null);
  assert.equal(prettyJson('"hi"'), null);
  assert.equal(prettyJson("{oops"), null);
  assert.equal(prettyJson("hello"), null);
});
