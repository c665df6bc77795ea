import type { Reports } from '../../api/contract.ts';

type Row = Reports['sentiment-change']['items'][number];

const dimensionNames: Record<Row['dimension'], string> = {
  all: 'All conversations',
  brand: 'Brand',
  network: 'Network',
  team: 'Team',
};

const signed = (value: number | null) =>
  value === null ? '–' : `${value > 0 ? '+' : ''}${value.toFixed(2)}`;

/**
 * Did the customer's next message read better after the team's first answer? One row for the
 * whole filter, then one per brand, network and team; names are shown as text.
 */
export function SentimentChangeTable({ rows }: { rows: Row[] }) {
  return (
    <figure className="report-card report-card--wide">
      <figcaption>Sentiment after the first answer</figcaption>
      <div className="report-table">
        <table>
          <thead>
            <tr>
              <th scope="col">Conversations</th>
              <th scope="col">Answered</th>
              <th scope="col">Wrote again</th>
              <th scope="col">Improved</th>
              <th scope="col">Same</th>
              <th scope="col">Worse</th>
              <th scope="col">Mean score change</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.dimension}:${row.key ?? ''}`}>
                <th scope="row">
                  {row.dimension === 'all'
                    ? dimensionNames.all
                    : `${dimensionNames[row.dimension]}: ${row.label ?? 'none'}`}
                </th>
                <td>{row.answered}</td>
                <td>{row.wroteAgain}</td>
                <td>{row.improved}</td>
                <td>{row.same}</td>
                <td>{row.worse}</td>
                <td>{signed(row.meanScoreChange)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
