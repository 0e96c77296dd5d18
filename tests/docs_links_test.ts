import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { dirname, normalize } from "node:path/posix";
import {
  brokenLinks,
  headingAnchors,
  type LinkSource,
  linkTargets,
} from "./doc_links.ts";

const ROOT = join(import.meta.dirname!, "..");
/** The README's budget: a front door, with the rest under docs/. */
const README_MAX_BYTES = 12_288;

/** The repository on disk, as the checker sees it. */
const REPO: LinkSource = {
  exists: (path) => existsSync(join(ROOT, path)),
  read: (path) => {
    try {
      return Deno.readTextFileSync(join(ROOT, path));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return null;
      throw error;
    }
  },
};

/** README.md and every page under docs/, repository-relative. */
function pages(): string[] {
  const docs = [...Deno.readDirSync(join(ROOT, "docs"))]
    .filter((entry) => entry.isFile && entry.name.endsWith(".md"))
    .map((entry) => `docs/${entry.name}`)
    .sort();
  return ["README.md", ...docs];
}

/** A small repository in memory for the checker's own tests. */
function memoryRepo(files: Record<string, string>): LinkSource {
  return {
    exists: (path) =>
      path in files || Object.keys(files).some((f) => f.startsWith(`${path}/`)),
    read: (path) => files[path] ?? null,
  };
}

Deno.test("docs links - the checker reports a missing file, a missing heading and a path out of the repository", () => {
  const page = [
    "# Guide",
    "",
    "## Two words",
    "",
    "[ok](other.md) [ok](other.md#its-heading) [ok](#two-words)",
    "![ok](images/a.png) [ok](../README.md) [ok](https://example.com/x.md)",
    "[folder](images/) [ref][r]",
    "",
    "[gone](missing.md) ![gone](images/b.png) [bad](#no-such-heading)",
    "[bad](other.md#nope) [out](../../etc/passwd) [refgone][s]",
    "",
    "```",
    "[in a code block](nowhere.md)",
    "```",
    "",
    "`[in a code span](nowhere.md)`",
    "",
    "[r]: other.md",
    "[s]: gone.md",
  ].join("\n");
  const repo = memoryRepo({
    "README.md": "# Top",
    "docs/guide.md": page,
    "docs/other.md": "# Its heading\n",
    "docs/images/a.png": "",
  });
  assert.deepEqual(brokenLinks("docs/guide.md", page, repo), [
    'docs/guide.md: "missing.md" does not exist',
    'docs/guide.md: "images/b.png" does not exist',
    'docs/guide.md: "#no-such-heading" names no heading of docs/guide.md',
    'docs/guide.md: "other.md#nope" names no heading of docs/other.md',
    'docs/guide.md: "../../etc/passwd" leaves the repository',
    'docs/guide.md: "gone.md" does not exist',
  ]);
});

Deno.test("docs links - anchors follow GitHub's headings: code, punctuation, duplicates", () => {
  const markdown = [
    "# Closes a busy client may see as 1006",
    "## `deno serve` handles SIGINT",
    "## Memory, and what to raise for private use",
    "## Memory, and what to raise for private use",
    "## Crowd: 19,000 held (`--only=crowd`)",
  ].join("\n\n");
  assert.deepEqual([...headingAnchors(markdown)], [
    "closes-a-busy-client-may-see-as-1006",
    "deno-serve-handles-sigint",
    "memory-and-what-to-raise-for-private-use",
    "memory-and-what-to-raise-for-private-use-1",
    "crowd-19000-held---onlycrowd",
  ]);
  assert.deepEqual(linkTargets("[a](b.md) and ![c](d%20e.png)"), [
    "b.md",
    "d%20e.png",
  ]);
});

Deno.test("docs links - every relative link and image in README.md and docs/ resolves", () => {
  const problems = pages().flatMap((path) =>
    brokenLinks(path, REPO.read(path)!, REPO)
  );
  assert.deepEqual(problems, []);
});

Deno.test("docs links - every page under docs/ is reachable from README.md, which shows the workspace", () => {
  const reached = new Set(["README.md"]);
  const queue = ["README.md"];
  while (queue.length > 0) {
    const page = queue.shift()!;
    for (const target of linkTargets(REPO.read(page)!)) {
      const file = target.replace(/#.*$/, "");
      if (!file.endsWith(".md") || /^[a-z]+:/i.test(file)) continue;
      const path = normalize(`${dirname(page)}/${file}`);
      if (!reached.has(path)) reached.add(path) && queue.push(path);
    }
  }
  assert.deepEqual(pages().filter((page) => !reached.has(page)), []);
  const images = linkTargets(REPO.read("README.md")!);
  assert.ok(images.includes("docs/images/workspace-1280.png"));
  assert.ok(images.includes("docs/images/workspace-390.png"));
});

Deno.test("docs links - README.md is at most 12,288 bytes", () => {
  const size = Deno.statSync(join(ROOT, "README.md")).size;
  assert.ok(size <= README_MAX_BYTES, `README.md is ${size} bytes`);
});
