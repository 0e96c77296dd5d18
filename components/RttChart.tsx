import type { SpeedTestReport } from "../client/speed.ts";
import { formatMs } from "../client/rtt.ts";

const WIDTH = 320;
const HEIGHT = 120;
const AXIS = 18;

/**
 * The RTT histogram as SVG, with p50, p90 and p99 marked. Drawn with SVG
 * attributes and classes only: the page's CSP forbids inline styles.
 */
export function RttChart({ report }: { report: SpeedTestReport }) {
  const bars = report.histogram;
  if (bars.length === 0) return null;
  const tallest = Math.max(...bars.map((b) => b.count));
  const barWidth = WIDTH / bars.length;
  const plot = HEIGHT - AXIS;
  const min = bars[0].from;
  const max = bars[bars.length - 1].to;
  const x = (ms: number) => ((ms - min) / (max - min || 1)) * WIDTH;
  const marks = [["p50", report.p50], ["p90", report.p90], [
    "p99",
    report.p99,
  ]] as const;
  return (
    <svg
      class="rtt-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Histogram of ${report.messages} round-trip times from ${
        formatMs(min)
      } to ${formatMs(report.max)}`}
    >
      {bars.map((bar, i) => {
        const h = bar.count === 0
          ? 0
          : Math.max(1, (bar.count / tallest) * plot);
        return (
          <rect
            key={i}
            class="bar"
            x={i * barWidth + 0.5}
            y={plot - h}
            width={Math.max(1, barWidth - 1)}
            height={h}
          >
            <title>
              {formatMs(bar.from)}–{formatMs(bar.to)}: {bar.count}
            </title>
          </rect>
        );
      })}
      {marks.map(([name, ms]) => (
        <g key={name} class={`mark ${name}`}>
          <line x1={x(ms)} x2={x(ms)} y1={0} y2={plot} />
          <text
            x={Math.min(x(ms) + 2, WIDTH - 22)}
            y={10 + marks.findIndex(([n]) => n === name) * 11}
          >
            {name}
          </text>
        </g>
      ))}
      <line class="axis" x1={0} x2={WIDTH} y1={plot} y2={plot} />
      <text class="label" x={0} y={HEIGHT - 4}>{formatMs(min)}</text>
      <text class="label end" x={WIDTH} y={HEIGHT - 4}>{formatMs(max)}</text>
    </svg>
  );
}
