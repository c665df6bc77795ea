import type { Reports } from '../../api/contract.ts';

const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Horizontal bars, one per value: a list a screen reader reads as "label: count". */
export function VolumeBars({
  title,
  items,
}: {
  title: string;
  items: Array<{ label: string; count: number }>;
}) {
  const largest = Math.max(1, ...items.map((item) => item.count));
  return (
    <figure className="report-card">
      <figcaption>{title}</figcaption>
      {items.length === 0 ? (
        <p className="muted">No mentions in this period.</p>
      ) : (
        <ul className="report-bars">
          {items.map((item) => (
            <li key={item.label}>
              <span className="report-bars__label">{item.label}</span>
              <span className="report-bars__track" aria-hidden="true">
                <span
                  className="report-bars__bar"
                  style={{ width: `${(item.count / largest) * 100}%` }}
                />
              </span>
              <span className="report-bars__count">{item.count.toLocaleString()}</span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

/** The hour-of-week heat map as a table: every cell has its numbers, the colour only adds. */
export function HeatMap({ cells }: { cells: Reports['heat-map']['items'] }) {
  const largest = Math.max(1, ...cells.map((cell) => cell.customerMessages));
  return (
    <figure className="report-card report-card--wide">
      <figcaption>
        When customers write (shade) and the team answers (number in brackets)
      </figcaption>
      <div className="report-heat">
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {Array.from({ length: 24 }, (_, hour) => (
                <th scope="col" key={hour}>
                  {hour}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weekdayNames.map((name, index) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                {cells
                  .filter((cell) => cell.weekday === index + 1)
                  .map((cell) => (
                    <td
                      key={cell.hour}
                      title={`${name} ${cell.hour}:00 — ${cell.customerMessages} customer messages, ${cell.teamReplies} replies`}
                      style={{ ['--heat' as string]: String(cell.customerMessages / largest) }}
                    >
                      {cell.customerMessages}
                      {cell.teamReplies > 0 ? ` (${cell.teamReplies})` : ''}
                    </td>
                  ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** Net sentiment per day as a line from −1 to 1; the days' figures are in the table below it. */
export function SentimentTrend({ days }: { days: Reports['sentiment']['items'] }) {
  const width = 600;
  const height = 120;
  const x = (index: number) => (days.length < 2 ? width / 2 : (index / (days.length - 1)) * width);
  const y = (net: number) => height / 2 - (net * height) / 2;
  const points = days
    .map((day, index) =>
      day.net === null ? null : `${x(index).toFixed(1)},${y(day.net).toFixed(1)}`,
    )
    .filter((point): point is string => point !== null)
    .join(' ');
  const assessed = days.filter((day) => day.net !== null);
  const average =
    assessed.length === 0
      ? null
      : assessed.reduce((sum, day) => sum + day.net!, 0) / assessed.length;
  return (
    <figure className="report-card report-card--wide">
      <figcaption>Sentiment by day (net: positive minus negative, −1 to 1)</figcaption>
      <svg
        className="report-trend"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Net sentiment over ${days.length} days, average ${average === null ? 'unknown' : average.toFixed(2)}`}
      >
        <line x1="0" x2={width} y1={height / 2} y2={height / 2} className="report-trend__zero" />
        {points && <polyline points={points} className="report-trend__line" />}
      </svg>
      {!points && <p className="muted">No mention with a sentiment in this period.</p>}
    </figure>
  );
}
