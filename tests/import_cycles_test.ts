import assert from "node:assert/strict";
import { join } from "node:path";
import {
  findCycles,
  type ImportGraph,
  readImportGraph,
} from "./import_graph.ts";

const ROOT = join(import.meta.dirname!, "..");

Deno.test("import cycles - the project's own modules import one another in no circle", async () => {
  const graph = await readImportGraph(ROOT);
  // The graph was read at all: the entry point and what it imports are in it.
  assert.ok(graph.get("main.ts")?.includes("app.ts"), "main.ts imports app.ts");
  const cycles = findCycles(graph).map((cycle) => cycle.join(" -> "));
  assert.deepEqual(cycles, [], `Import cycles:\n${cycles.join("\n")}`);
});

Deno.test("import cycles - type-only imports and re-exports count as edges", async () => {
  const dir = await Deno.makeTempDir({ prefix: "cycles-" });
  try {
    const files: Record<string, string> = {
      "deno.json": "{}",
      "a.ts": 'import type { B } from "./b.ts";\nexport type A = B;\n',
      "b.ts": 'export type { C as B } from "./c.ts";\n',
      "c.ts": 'import type { A } from "./a.ts";\nexport type C = A | 1;\n',
      "d.ts": 'import "./a.ts";\nexport const d = () => import("./d2.ts");\n',
      "d2.ts": 'import { d } from "./d.ts";\nexport const e = d;\n',
      "node_modules/x.ts": 'import "./x.ts";\n',
    };
    await Deno.mkdir(join(dir, "node_modules"));
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(join(dir, name), text);
    }
    const graph = await readImportGraph(dir);
    assert.deepEqual(graph.get("b.ts"), ["c.ts"]);
    assert.equal(graph.has("node_modules/x.ts"), false);
    // d.ts loads d2.ts on demand: no circle, though d2.ts imports d.ts.
    assert.deepEqual(findCycles(graph), [["a.ts", "b.ts", "c.ts", "a.ts"]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("import cycles - each circle is reported once, from its first module, shortest path", () => {
  const graph: ImportGraph = new Map([
    ["a.ts", ["b.ts"]],
    ["b.ts", ["a.ts", "c.ts"]],
    ["c.ts", ["d.ts"]],
    ["d.ts", ["c.ts", "e.ts"]],
    ["e.ts", []],
    ["f.ts", ["f.ts"]],
    ["g.ts", ["h.ts", "i.ts"]],
    ["h.ts", ["i.ts"]],
    ["i.ts", ["g.ts"]],
  ]);
  assert.deepEqual(findCycles(graph), [
    ["a.ts", "b.ts", "a.ts"],
    ["c.ts", "d.ts", "c.ts"],
    ["f.ts", "f.ts"],
    ["g.ts", "i.ts", "g.ts"],
  ]);
  assert.deepEqual(findCycles(new Map([["a.ts", ["b.ts"]], ["b.ts", []]])), []);
});
