/**
 * The project's own import graph, as Deno resolves it, and the cycles in it.
 *
 * The graph comes from `deno info --json` rather than a parse of our own: it
 * is the resolver the runtime uses (the import map included), and it tells
 * `import type` apart from code without being fooled by an `import` inside a
 * string or a comment.
 *
 * @module
 */

import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

/** Each module (a path relative to the root) and the modules it imports. */
export type ImportGraph = Map<string, string[]>;

/** Folders that hold no source of ours. */
const SKIPPED = new Set(["node_modules", "_fresh"]);

/** Every `.ts` and `.tsx` file under `root`, relative, sorted. */
export async function listSources(root: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string) {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.name.startsWith(".") || SKIPPED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (/\.tsx?$/.test(entry.name)) found.push(relative(root, path));
    }
  }
  await walk(root);
  return found.sort();
}

interface InfoDependency {
  code?: { specifier?: string };
  type?: { specifier?: string };
  isDynamic?: boolean;
}

interface InfoModule {
  specifier: string;
  dependencies?: InfoDependency[];
}

/**
 * Reads the static imports (code and `import type` alike, `export … from`
 * too) between the modules under `root`. Dynamic `import()` is left out: it
 * is how a module loads another on demand, after both have been evaluated.
 */
export async function readImportGraph(root: string): Promise<ImportGraph> {
  const sources = await listSources(root);
  // `deno info` takes one module, so one that imports them all stands in.
  const dir = await Deno.makeTempDir({ prefix: "import-graph-" });
  try {
    const entry = join(dir, "all.ts");
    await Deno.writeTextFile(
      entry,
      sources.map((s) => `import "${pathToFileURL(join(root, s)).href}";\n`)
        .join(""),
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", "--config", join(root, "deno.json"), entry],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      throw new Error(
        `deno info failed: ${new TextDecoder().decode(out.stderr).trim()}`,
      );
    }
    const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
      modules: InfoModule[];
    };
    const base = pathToFileURL(root).href.replace(/\/?$/, "/");
    const local = (specifier?: string) =>
      specifier?.startsWith(base)
        ? decodeURIComponent(specifier.slice(base.length))
        : null;
    const graph: ImportGraph = new Map();
    for (const module of info.modules) {
      const from = local(module.specifier);
      if (from === null) continue;
      const to = new Set<string>();
      for (const dependency of module.dependencies ?? []) {
        if (dependency.isDynamic) continue;
        for (const target of [dependency.code, dependency.type]) {
          const path = local(target?.specifier);
          if (path !== null) to.add(path);
        }
      }
      graph.set(from, [...to].sort());
    }
    return graph;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * One cycle per strongly connected component of more than one module (or a
 * module that imports itself), each as a path that starts and ends at its
 * first module in sort order: `["a.ts", "b.ts", "a.ts"]`.
 */
export function findCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, recursive: the project's graph is a few hundred deep
  // at most.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfImport = graph.get(node)?.includes(node) ?? false;
    if (component.length > 1 || selfImport) components.push(component);
  };
  for (const node of [...graph.keys()].sort()) {
    if (!index.has(node)) visit(node);
  }
  return components
    .map((component) => cycleThrough(graph, new Set(component)))
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** A shortest cycle from the first module of `members` back to it. */
function cycleThrough(graph: ImportGraph, members: Set<string>): string[] {
  const start = [...members].sort()[0];
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.get(queue[i]) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = queue[i]; at !== start; at = previous.get(at)!) {
          path.splice(1, 0, at);
        }
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, queue[i]);
        queue.push(next);
      }
    }
  }
  throw new Error(`No cycle through ${start}`);
}
