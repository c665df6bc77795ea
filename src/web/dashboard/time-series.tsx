import { useEffect, useId, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One line of a chart: this period's values per day, and the previous period's beside them. */
export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  previous?: Array<number | null>;
}

type Props = {
  title: string;
  /** The period's days, `YYYY-MM-DD`, one per value. */
  days: string[];
  series: ChartSeries;
  /** How a value reads: "12 min", "87 %". */
  format: (value: number) => string;
  /** A click on a day (the chart, or its row in the table view). */
  onPick?: (day: string) => void;
  /** What a click opens, for the table view's links. */
  pickLabel?: string;
  loading?: boolean;
};

const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
const accent = '#2450c8';
const previousColour = '#8b95a3';

/**
 * A day-by-day line drawn with uPlot, the previous period dashed behind it, and the same
 * numbers as a table (every chart can be read without seeing it). A click on a day calls
 * `onPick` with it.
 */
export function TimeSeriesChart({
  title,
  days,
  series,
  format,
  onPick,
  pickLabel,
  loading,
}: Props) {
  const holder = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const captionId = useId();
  const hasPrevious = series.previous !== undefined;

  useEffect(() => {
    const element = holder.current;
    if (!element || days.length === 0) return;
    const data: uPlot.AlignedData = [
      days.map(dayStart),
      series.values,
      ...(series.previous ? [series.previous] : []),
    ];
    const chart = new uPlot(
      {
        width: Math.max(240, element.clientWidth),
        height: 180,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { size: 7 } },
        scales: { x: { time: true } },
        axes: [
          { stroke: '#59616c', grid: { stroke: '#eef0f3' } },
          {
            stroke: '#59616c',
            grid: { stroke: '#eef0f3' },
            size: 56,
            values: (_u, ticks) => ticks.map((tick) => format(tick)),
          },
        ],
        series: [
          {},
          { label: series.label, stroke: accent, width: 2, spanGaps: false },
          ...(series.previous
            ? [{ label: 'Previous period', stroke: previousColour, width: 1.5, dash: [5, 4] }]
            : []),
        ],
      },
      data,
      element,
    );
    const onClick = () => {
      const index = chart.cursor.idx;
      const day = index === null || index === undefined ? undefined : days[index];
      if (day && pick.current) pick.current(day);
    };
    chart.over.addEventListener('click', onClick);
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(240, element.clientWidth), height: 180 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.over.removeEventListener('click', onClick);
      chart.destroy();
    };
  }, [days, series, format]);

  const shown = series.values.filter((value): value is number => value !== null);
  const latest = shown.at(-1);
  return (
    <figure className="report-card report-card--chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        {title}
        {latest !== undefined ? <span className="muted"> · latest {format(latest)}</span> : null}
      </figcaption>
      {loading ? (
        <div className="skeleton skeleton--chart" role="status" aria-label="Loading" />
      ) : (
        <>
          <div
            ref={holder}
            className={onPick ? 'time-series time-series--clickable' : 'time-series'}
            aria-hidden="true"
          />
          {hasPrevious ? (
            <p className="time-series__legend muted" aria-hidden="true">
              <span className="time-series__key time-series__key--now" /> this period{' '}
              <span className="time-series__key time-series__key--before" /> previous period
            </p>
          ) : null}
          <details className="time-series__table">
            <summary>Show as table</summary>
            <table>
              <caption className="visually-hidden">{title}, by day</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">{series.label}</th>
                  {hasPrevious ? <th scope="col">Previous period</th> : null}
                </tr>
              </thead>
              <tbody>
                {days.map((day, index) => {
                  const value = series.values[index] ?? null;
                  const before = series.previous?.[index] ?? null;
                  return (
                    <tr key={day}>
                      <th scope="row">
                        {onPick ? (
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => onPick(day)}
                            aria-label={`${day}: ${pickLabel ?? 'open'}`}
                          >
                            {day}
                          </button>
                        ) : (
                          day
                        )}
                      </th>
                      <td>{value === null ? '–' : format(value)}</td>
                      {hasPrevious ? <td>{before === null ? '–' : format(before)}</td> : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
