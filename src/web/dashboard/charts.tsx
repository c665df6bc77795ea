import { Link } from '../app/link.tsx';
import type { Reports } from '../../api/contract.ts';

const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Horizontal bars, one per value: a list a screen reader reads as "label: count". */
export function VolumeBars({
  title,
  items,
  loading,
}: {
  title: string;
  /** With `href`, the bar's label opens the conversations behind it. */
  items: Array<{ label: string; count: number; href?: string }>;
  loading?: boolean;
}) {
  const largest = Math.max(1, ...items.map((item) => item.count));
  return (
    <figure className="report-card">
      <figcaption>{title}</figcaption>
      {loading ? (
        <div className="skeleton skeleton--bars" role="status" aria-label="Loading" />
      ) : items.length === 0 ? (
        <p className="muted">No mentions in this period.</p>
      ) : (
        <ul className="report-bars">
          {items.map((item) => (
            <li key={item.label}>
              <span className="report-bars__label">
                {item.href ? <Link href={item.href}>{item.label}</Link> : item.label}
              </span>
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
