import assert from "node:assert/strict";
import {
  checkName,
  CONNECTION_COLOURS,
  freeColour,
  freeName,
} from "./connection_names.ts";

Deno.test("freeName - the first free letter, then AA, AB…", () => {
  const letters = Array.from(
    { length: 26 },
    (_, i) => String.fromCharCode(65 + i),
  );
  assert.equal(freeName([]), "A");
  assert.equal(freeName(["A", "C"]), "B");
  assert.equal(freeName(letters), "AA");
  assert.equal(freeName([...letters, "AA"]), "AB");
});

Deno.test("freeColour - the first unused, then by id round the palette", () => {
  assert.equal(freeColour([], 1), CONNECTION_COLOURS[0]);
  assert.equal(freeColour([CONNECTION_COLOURS[0]], 2), CONNECTION_COLOURS[1]);
  assert.equal(freeColour([...CONNECTION_COLOURS], 10), CONNECTION_COLOURS[1]);
});

Deno.test("checkName - trims; refuses empty, long and taken names", () => {
  assert.deepEqual(checkName("  bob ", ["A"]), { name: "bob" });
  assert.deepEqual(checkName(" ", []), { error: "A connection needs a name" });
  assert.deepEqual(checkName("x".repeat(33), []), {
    error: "A name has at most 32 characters",
  });
  // Characters, not UTF-16 units: 32 emoji fit.
  assert.deepEqual(checkName("🙂".repeat(32), []), { name: "🙂".repeat(32) });
  assert.deepEqual(checkName("A", ["A"]), {
    error: '"A" names another connection',
  });
});
