/**
 * Sections of bench/RESULTS.md written by different tools or runs: the
 * page-load figures (bench/page_load.ts) and the rooms (`--only=room`) are
 * kept when `deno task bench` rewrites the rest, and replaced when their
 * own run comes again.
 *
 * @module
 */

/** The heading of the section bench/page_load.ts writes. */
export const PAGE_LOAD_HEADING = "## Page under load";

/** The heading of the section `bench/page_load.ts --only=connections` writes. */
export const PAGE_CONNECTIONS_HEADING =
  "## Several connections on the page (`bench/page_load.ts --only=connections`)";

/** The heading of the section `deno task bench --only=room` writes. */
export const ROOMS_HEADING = "## Rooms (`deno task bench --only=room`)";

/** The section under `heading` (heading included, up to the next `## `), or "". */
export function extractSection(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start === -1) return "";
  const next = markdown.indexOf("\n## ", start + heading.length + 2);
  return markdown.slice(start + 1, next === -1 ? undefined : next + 1)
    .trimEnd() + "\n";
}

/** `markdown` with the section under `heading` replaced by `section`, or added at the end. */
export function replaceSection(
  markdown: string,
  heading: string,
  section: string,
): string {
  const old = extractSection(markdown, heading);
  const body = section.trimEnd() + "\n";
  if (old === "") return markdown.trimEnd() + "\n\n" + body;
  const at = markdown.indexOf(`\n${heading}\n`) + 1;
  return markdown.slice(0, at) + body +
    markdown.slice(at + old.length).replace(/^\n*/, "\n");
}
