import type { Reports } from '../../api/contract.ts';
import { formatDuration, formatShare } from './reports-client.ts';

type ReviewsReport = Reports['reviews'];

const average = (value: number | null) => (value === null ? '–' : `★ ${value.toFixed(2)}`);

/** The rating's direction against the period before: "up 0.40", "down 0.10", "no earlier reviews". */
function direction(report: ReviewsReport): string {
  if (report.averageRating === null || report.previousAverageRating === null)
    return 'no reviews in the period before';
  const change = report.averageRating - report.previousAverageRating;
  if (Math.abs(change) < 0.005) return 'as in the period before';
  return `${change > 0 ? 'up' : 'down'} ${Math.abs(change).toFixed(2)} on the period before`;
}

/**
 * Reviews on every site: the average and its direction, the 1–5 spread, how many were answered
 * and how fast, by site and by brand. Site and brand names are shown as text.
 */
export function ReviewsSummary({ report }: { report: ReviewsReport }) {
  const most = Math.max(1, ...report.distribution.map((row) => row.reviews));
  const rows = [
    ...report.bySite.map((row) => ({
      key: `site:${row.site}`,
      label: `Site: ${row.site}`,
      ...row,
    })),
    ...report.byBrand.map((row) => ({
      key: `brand:${row.brandId}`,
      label: `Brand: ${row.name}`,
      ...row,
    })),
  ];
  return (
    <figure className="report-card report-card--wide" aria-labelledby="reviews-report-title">
      <figcaption id="reviews-report-title">Reviews</figcaption>
      <p>
        {`Average ${average(report.averageRating)} of 5 from ${report.reviews} reviews (${direction(report)}); `}
        {`${formatShare(report.answeredShare)} answered (${report.answered} of ${report.threads}), median time to answer ${formatDuration(report.medianSecondsToAnswer)}.`}
      </p>
      <ul className="report-bars" aria-label="Reviews by stars">
        {report.distribution.toReversed().map((row) => (
          <li key={row.stars}>
            <span className="report-bars__label">{`★ ${row.stars}`}</span>
            <span className="report-bars__track" aria-hidden="true">
              <span
                className="report-bars__bar"
                style={{ width: `${(row.reviews / most) * 100}%` }}
              />
            </span>
            <span className="report-bars__count">{row.reviews.toLocaleString()}</span>
          </li>
        ))}
      </ul>
      {rows.length > 0 ? (
        <div className="report-table">
          <table>
            <thead>
              <tr>
                <th scope="col">Reviews by</th>
                <th scope="col">Reviews</th>
                <th scope="col">Average</th>
                <th scope="col">Answered</th>
                <th scope="col">Time to answer (median)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  <td>{row.reviews}</td>
                  <td>{average(row.averageRating)}</td>
                  <td>{formatShare(row.answeredShare)}</td>
                  <td>{formatDuration(row.medianSecondsToAnswer)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </figure>
  );
}
