/**
 * The names and colours that tell connections apart: A, B, C… by default,
 * a palette that reads on white, and what a renamed connection may be
 * called. Browser-safe.
 *
 * @module
 */

/**
 * Colours by the order connections come, each at least 4.5:1 on white
 * (WCAG 1.4.3), so a name in its colour reads as text.
 */
export const CONNECTION_COLOURS = [
  "#1d4ed8",
  "#c2410c",
  "#15803d",
  "#7e22ce",
  "#be185d",
  "#0f766e",
  "#92400e",
  "#475569",
] as const;

/**
 * Longest name, in characters (code points, so an emoji counts once): a
 * script's connection names have the same bound, so a script's actor gets
 * a tab of its own name.
 */
export const MAX_NAME_LENGTH = 32;

/**
 * `name` trimmed, or why it cannot name a connection when `others` name
 * the rest.
 */
export function checkName(
  name: string,
  others: readonly string[],
): { name: string } | { error: string } {
  const trimmed = name.trim();
  if (trimmed === "") return { error: "A connection needs a name" };
  if ([...trimmed].length > MAX_NAME_LENGTH) {
    return { error: `A name has at most ${MAX_NAME_LENGTH} characters` };
  }
  if (others.includes(trimmed)) {
    return { error: `"${trimmed}" names another connection` };
  }
  return { name: trimmed };
}

/** The first of A-Z, then AA, AB…, that no connection is named. */
export function freeName(used: readonly string[]): string {
  for (let n = 0;; n++) {
    const name = n < 26
      ? String.fromCharCode(65 + n)
      : String.fromCharCode(64 + Math.floor(n / 26)) +
        String.fromCharCode(65 + (n % 26));
    if (!used.includes(name)) return name;
  }
}

/** The first palette colour no connection has; past eight, they repeat by `id`. */
export function freeColour(used: readonly string[], id: number): string {
  return CONNECTION_COLOURS.find((c) => !used.includes(c)) ??
    CONNECTION_COLOURS[(id - 1) % CONNECTION_COLOURS.length];
}
