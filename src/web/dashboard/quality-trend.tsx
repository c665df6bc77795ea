import type { Reports } from '../../api/contract.ts';

type QualityRow = Reports['quality']['items'][number];

const scopeLabel = { workspace: 'All replies', team: 'Team', agent: 'Agent' } as const;

/**
 * Quality review scores by week (0–100, the reviews' mean), overall, per team and per agent:
 * one row each, one column per week. Names are shown as text.
 */
export function QualityTrend({ items }: { items: QualityRow[] }) {
  const weeks = [...new Set(items.map((item) => item.week))].sort();
  const rows = new Map<string, { label: string; cells: Map<string, QualityRow> }>();
  for (const item of items) {
    const key = `${item.scope}:${item.id ?? ''}`;
    const label =
      item.scope === 'workspace'
        ? scopeLabel.workspace
        : `${scopeLabel[item.scope]}: ${item.name ?? (item.scope === 'team' ? 'no team' : 'a former member')}`;
    const row = rows.get(key) ?? { label, cells: new Map() };
    row.cells.set(item.week, item);
    rows.set(key, row);
  }
  return (
    <figure className="report-card report-card--wide" aria-labelledby="quality-trend-title">
      <figcaption id="quality-trend-title">Quality review score by week (0 to 100)</figcaption>
      {items.length === 0 ? (
        <p className="muted">No replies of this period were reviewed.</p>
      ) : (
        <div className="report-table">
          <table>
            <thead>
              <tr>
                <th scope="col">Replies of</th>
                {weeks.map((week) => (
                  <th key={week} scope="col">{`Week of ${week}`}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...rows.entries()].map(([key, row]) => (
                <tr key={key}>
                  <th scope="row">{row.label}</th>
                  {weeks.map((week) => {
                    const cell = row.cells.get(week);
                    return (
                      <td key={week}>
                        {cell ? `${cell.averageScore.toFixed(1)} (${cell.reviews})` : '–'}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
