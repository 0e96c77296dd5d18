import assert from "node:assert/strict";
import { extractSection, replaceSection } from "./sections.ts";

const DOC = "# R\n\n## A\n\na\n\n## Page under load\n\nold\n\n## B\n\nb\n";

Deno.test("extractSection - from its heading to the next one", () => {
  assert.equal(
    extractSection(DOC, "## Page under load"),
    "## Page under load\n\nold\n",
  );
  assert.equal(extractSection(DOC, "## B"), "## B\n\nb\n");
  assert.equal(extractSection(DOC, "## C"), "");
});

Deno.test("replaceSection - in place, or added at the end", () => {
  assert.equal(
    replaceSection(DOC, "## Page under load", "## Page under load\n\nnew\n"),
    "# R\n\n## A\n\na\n\n## Page under load\n\nnew\n\n## B\n\nb\n",
  );
  assert.equal(
    replaceSection("# R\n\n## A\n\na\n", "## P", "## P\n\np\n"),
    "# R\n\n## A\n\na\n\n## P\n\np\n",
  );
});
