/**
 * Formatting of sizes and message previews. Browser-safe: the island and the
 * server's message log both use it.
 *
 * @module
 */

/**
 * `1536` → `"1.5 KiB"`; bytes below 1 KiB are shown exactly, a value that is
 * not a number (a measurement that failed) as `"n/a"`.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "n/a";
  if (Math.abs(bytes) < 1024) return `${Math.round(bytes)} B`;
  const units = ["KiB", "MiB", "GiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1)} ${
    units[unit]
  }`;
}

/** The first `max` bytes as space-separated hex pairs, `…` when cut. */
export function hexPreview(bytes: Uint8Array, max = 32): string {
  const shown = Array.from(
    bytes.subarray(0, max),
    (b) => b.toString(16).padStart(2, "0"),
  ).join(" ");
  return bytes.length > max ? `${shown} …` : shown;
}

/**
 * A text message made safe for a terminal: control characters escaped as
 * JSON does, cut to `max` characters with `…`.
 */
export function escapeText(text: string, max = 200): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  const quoted = JSON.stringify(cut);
  return text.length > max ? `${quoted.slice(0, -1)}…"` : quoted;
}
