import assert from "node:assert/strict";
import { join } from "node:path";
import { parseConfig } from "../core/config.ts";

const ROOT = join(import.meta.dirname!, "..");
const read = (path: string) => Deno.readTextFileSync(join(ROOT, path));

/** The environment variables `parseConfig` reads, each once. */
function variablesRead(): string[] {
  const names: string[] = [];
  parseConfig(
    new Proxy({}, {
      get(_, name) {
        if (typeof name === "string" && !names.includes(name)) names.push(name);
        return undefined;
      },
    }),
  );
  return names;
}

/** A settings table's rows as `NAME -> default cell`. */
function settingsRows(markdown: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of markdown.matchAll(/^\| `([A-Z_]+)` +\| ([^|]+?) +\|/gm)) {
    rows.set(match[1], match[2]);
  }
  return rows;
}

Deno.test("docs config - docs/configuration.md has a row for every variable the server reads", () => {
  const variables = variablesRead();
  assert.ok(variables.includes("PORT") && variables.includes("MEMORY_TRIM"));
  const documented = [...settingsRows(read("docs/configuration.md")).keys()];
  assert.deepEqual(documented.sort(), variables.sort());
});

Deno.test("docs config - the README's settings are rows of docs/configuration.md with the same defaults", () => {
  const all = settingsRows(read("docs/configuration.md"));
  const readme = settingsRows(read("README.md"));
  assert.ok(readme.size >= 8, `README lists ${readme.size} settings`);
  for (const [name, fallback] of readme) {
    assert.equal(fallback, all.get(name), name);
  }
});
