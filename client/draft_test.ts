import assert from "node:assert/strict";
import {
  draftBytes,
  draftProblem,
  LARGE_DRAFT_CHARS,
  MAX_FILE_BYTES,
} from "./draft.ts";

Deno.test("draftProblem - text is always sendable; empty JSON is not yet an error", () => {
  assert.equal(draftProblem("text", "{not json", null), "");
  assert.equal(draftProblem("json", "  ", null), "");
  assert.equal(draftProblem("json", '{"a":1}', null), "");
  assert.notEqual(draftProblem("json", "{not json", null), "");
});

Deno.test("draftProblem - hex and base64 say what is wrong", () => {
  assert.equal(draftProblem("hex", "48 65", null), "");
  assert.equal(draftProblem("hex", "4g", null), '"g" is not a hex digit');
  assert.equal(draftProblem("base64", "aGk=", null), "");
  assert.notEqual(draftProblem("base64", "a$b", null), "");
});

Deno.test("draftProblem - a file over the server's default limit is refused", () => {
  assert.equal(draftProblem("file", "", { name: "a.bin", size: 10 }), "");
  assert.equal(draftProblem("file", "", null), "");
  assert.equal(
    draftProblem("file", "", { name: "big.bin", size: MAX_FILE_BYTES + 1 }),
    "big.bin is 16.0 MiB; files up to 16.0 MiB can be sent",
  );
});

Deno.test("draftBytes - the bytes of hex and base64 drafts", () => {
  assert.deepEqual(draftBytes("hex", "0x48,0x69"), new Uint8Array([72, 105]));
  assert.deepEqual(draftBytes("base64", "aGk="), new Uint8Array([104, 105]));
});

Deno.test("draftProblem - the binary formats are typed as JSON; a held paste is left to the encoder", () => {
  for (const mode of ["msgpack", "cbor", "protobuf"] as const) {
    assert.equal(draftProblem(mode, "", null), "");
    assert.equal(draftProblem(mode, '{"a": 1}', null), "");
    assert.match(draftProblem(mode, "{", null), /^Not JSON: /);
    // Parsing megabytes here would hold the page; the worker says why.
    assert.equal(
      draftProblem(mode, "{".repeat(LARGE_DRAFT_CHARS + 1), null),
      "",
    );
  }
});
