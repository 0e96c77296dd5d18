import assert from "node:assert/strict";
import { parseSubprotocols, selectSubprotocol } from "./subprotocol.ts";

Deno.test("parseSubprotocols - splits a token list and trims spaces", () => {
  assert.deepEqual(parseSubprotocols("graphql-ws, mqtt,v1.echo"), [
    "graphql-ws",
    "mqtt",
    "v1.echo",
  ]);
});

Deno.test("parseSubprotocols - refuses what is not a list of tokens", () => {
  for (const header of ["", "a,,b", "a b", "chat;v=1", '"quoted"', "a,"]) {
    assert.equal(parseSubprotocols(header), null, header);
  }
});

Deno.test("selectSubprotocol - mirrors the first offer without a list", () => {
  assert.equal(selectSubprotocol(["mqtt", "x"], null), "mqtt");
  assert.equal(selectSubprotocol([], null), undefined);
});

Deno.test("selectSubprotocol - picks the client's first offer that is on the list", () => {
  assert.equal(selectSubprotocol(["a", "b", "c"], ["c", "b"]), "b");
  assert.equal(selectSubprotocol(["a"], ["b"]), undefined);
});
