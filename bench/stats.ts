/**
 * Small statistics for the benchmark: a mergeable log-scale histogram, the
 * median, and number formatting. Framework-free.
 *
 * @module
 */

/** Buckets per doubling: each bucket spans about 2.2 %. */
const PER_OCTAVE = 32;
const BUCKETS = PER_OCTAVE * 40;

/** A histogram of positive values (microseconds) on a log scale. */
export class Histogram {
  readonly counts: Uint32Array = new Uint32Array(BUCKETS);
  count = 0;

  /** Adds one value. */
  record(value: number): void {
    const bucket = value < 1
      ? 0
      : Math.min(BUCKETS - 1, Math.floor(Math.log2(value) * PER_OCTAVE) + 1);
    this.counts[bucket]++;
    this.count++;
  }

  /** The value below which a share `p` (0-1) of the values fall. */
  percentile(p: number): number {
    if (this.count === 0) return NaN;
    const target = Math.max(1, Math.ceil(p * this.count));
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.counts[b];
      if (seen >= target) return b === 0 ? 0.5 : 2 ** ((b - 0.5) / PER_OCTAVE);
    }
    return NaN;
  }

  /** Non-empty buckets as `[bucket, count]` pairs, for JSON. */
  toJSON(): [number, number][] {
    const pairs: [number, number][] = [];
    this.counts.forEach((n, b) => n > 0 && pairs.push([b, n]));
    return pairs;
  }

  /** Adds the buckets of another histogram, as {@linkcode toJSON} wrote it. */
  merge(pairs: [number, number][]): void {
    for (const [b, n] of pairs) {
      this.counts[b] += n;
      this.count += n;
    }
  }
}

/** The median of `values`, NaN when there are none. */
export function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A number with about three significant digits and thousands separators. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A ratio as `0.93×`. */
export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a";
}

/** Renders rows as a markdown table; the first row is the header. */
export function markdownTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) =>
    Math.max(...rows.map((row) => row[c].length))
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join("\n");
}
