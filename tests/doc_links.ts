/**
 * Finds the broken relative links and images in a Markdown page: a target
 * file that does not exist, a path that leaves the repository, or a `#anchor`
 * that names no heading of the page it points at.
 *
 * Markdown is read with `marked`'s lexer rather than a regular expression, so
 * links inside code blocks and code spans are not taken for links, and
 * reference-style links resolve as a renderer would resolve them. Anchors are
 * made with `github-slugger`, the algorithm GitHub uses for heading ids.
 *
 * @module
 */

import GithubSlugger from "github-slugger";
import { type Token, type Tokens, walkTokens } from "marked";
import { Lexer } from "marked";
import { dirname, normalize } from "node:path/posix";

/** What the checker may ask of the repository; paths are repository-relative. */
export interface LinkSource {
  /** Whether a file or folder exists at `path`. */
  exists(path: string): boolean;
  /** The text of the Markdown file at `path`, or `null` when there is none. */
  read(path: string): string | null;
}

/** A URL with a scheme (`https:`, `mailto:`) or `//host`: not a file here. */
const ABSOLUTE = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/** Every link and image target in `markdown`, in order. */
export function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  walkTokens(Lexer.lex(markdown), (token) => {
    if (token.type === "link" || token.type === "image") {
      targets.push((token as Tokens.Link | Tokens.Image).href);
    }
  });
  return targets;
}

/** The anchors GitHub gives the headings of `markdown`, duplicates numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  for (const token of Lexer.lex(markdown)) {
    if (token.type === "heading") {
      anchors.add(slugger.slug(plainText((token as Tokens.Heading).tokens)));
    }
  }
  return anchors;
}

/**
 * The broken relative links and images of the page at `path`.
 *
 * @returns one line per broken link, e.g. `docs/a.md: "b.md" does not exist`
 */
export function brokenLinks(
  path: string,
  markdown: string,
  source: LinkSource,
): string[] {
  const problems: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (ABSOLUTE.test(target)) continue;
    const problem = checkTarget(path, markdown, target, source);
    if (problem) problems.push(`${path}: "${target}" ${problem}`);
  }
  return problems;
}

function checkTarget(
  path: string,
  markdown: string,
  target: string,
  source: LinkSource,
): string | null {
  const hash = target.indexOf("#");
  const file = decodeURI(hash < 0 ? target : target.slice(0, hash))
    .replace(/\?.*$/, "");
  const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
  let resolved = path;
  if (file !== "") {
    resolved = normalize(
      file.startsWith("/") ? file.slice(1) : `${dirname(path)}/${file}`,
    ).replace(/\/$/, "");
    if (resolved === ".." || resolved.startsWith("../")) {
      return "leaves the repository";
    }
    if (!source.exists(resolved)) return "does not exist";
  }
  if (anchor === null || anchor === "") return null;
  const text = file === "" ? markdown : source.read(resolved);
  // An anchor into a file that is not Markdown (a line of code) is not ours
  // to check.
  if (text === null || !resolved.endsWith(".md")) return null;
  return headingAnchors(text).has(anchor)
    ? null
    : `names no heading of ${resolved}`;
}

/** A heading's text as rendered: code spans and emphasis without markup. */
function plainText(tokens: Token[]): string {
  return tokens.map((token) => {
    const nested = (token as { tokens?: Token[] }).tokens;
    if (nested) return plainText(nested);
    return "text" in token ? unescapeHtml(token.text) : "";
  }).join("");
}

/** `marked` escapes `&`, `<`, `>` and quotes in code spans' text. */
function unescapeHtml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}
