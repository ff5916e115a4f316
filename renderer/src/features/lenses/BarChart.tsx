import { formatCount } from '../../format/format.ts';
export interface Bar {
  label: string;
  value: number;
  title?: string;
}

/** A compact SVG bar chart scaled to its maximum; text labels only at the ends. */
export function BarChart({
  bars,
  height = 90,
  unit,
  ariaLabel,
}: {
  bars: Bar[];
  height?: number;
  unit: string;
  ariaLabel: string;
}) {
  if (bars.length === 0) return <p className="muted">No data yet.</p>;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const width = 100 / bars.length;
  return (
    <figure className="bar-chart" aria-label={ariaLabel}>
      <svg viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" height={height} width="100%">
        {bars.map((bar, i) => {
          const barHeight = (bar.value / max) * (height - 2);
          return (
            <rect
              key={i}
              x={i * width + width * 0.1}
              y={height - barHeight}
              width={width * 0.8}
              height={barHeight}
              className="bar"
            >
              <title>{bar.title ?? `${bar.label}: ${formatCount(bar.value)} ${unit}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="bar-axis">
        <span>{bars[0]?.label}</span>
        <span>
          max {formatCount(Math.round(max))} {unit}
        </span>
        <span>{bars.at(-1)?.label}</span>
      </figcaption>
    </figure>
  );
}
