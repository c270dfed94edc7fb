/**
 * The free-beds bar chart, drawn by uPlot (a maintained canvas chart of about 20 kB gzip). This
 * module is loaded lazily (React.lazy) so the first view does not wait for it; the figures are
 * also in a table next to it, which is what screen readers use (the canvas is labelled and
 * points to it).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { OverviewForecastDayDto } from '../../../shared/overviewDto';

interface Props {
  days: readonly OverviewForecastDayDto[];
  /** Axis label of each day, already formatted for the locale. */
  dayLabels: readonly string[];
  seriesLabel: string;
  formatCount: (value: number) => string;
  ariaLabel: string;
}

const HEIGHT = 240;

export default function ForecastChart({
  days,
  dayLabels,
  seriesLabel,
  formatCount,
  ariaLabel,
}: Props) {
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const xs = days.map((_, i) => i);
    const ys = days.map((day) => day.free);
    const bars = uPlot.paths.bars?.({ size: [0.6, 48] });
    const chart = new uPlot(
      {
        width: Math.max(element.clientWidth, 280),
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: true, drag: { x: false, y: false } },
        scales: {
          x: { time: false, range: [-0.5, days.length - 0.5] },
          y: { range: (_u, _min, max) => [0, Math.max(10, max * 1.1)] },
        },
        axes: [
          {
            splits: () => xs,
            // Every other day when the bars are narrow, so the labels never overlap.
            values: (u, splits) => {
              const step = u.width / days.length < 64 ? 2 : 1;
              return splits.map((i) => (i % step === 0 ? (dayLabels[i] ?? '') : ''));
            },
            gap: 6,
          },
          { values: (_u, splits) => splits.map((v) => formatCount(v)), size: 56 },
        ],
        series: [
          {},
          {
            label: seriesLabel,
            stroke: '#1f7a4d',
            fill: 'rgba(31, 122, 77, 0.55)',
            paths: bars,
            points: { show: false },
          },
        ],
      },
      [xs, ys],
      element,
    );
    const resize = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(element.clientWidth, 280), height: HEIGHT });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [days, dayLabels, seriesLabel, formatCount]);

  return <div ref={holder} className="forecast-chart" role="img" aria-label={ariaLabel} />;
}
