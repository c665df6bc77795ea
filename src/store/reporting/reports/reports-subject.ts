import type { Kysely } from 'kysely';
import type { Database } from '../../schema.ts';

export interface ReportSubject {
  workspaceId: string;
  workspaceName: string;
  brandId: string | null;
}

/**
 * The workspaces (and brand) a report by names may mean: every workspace called `workspace`
 * (or all), narrowed to those with a brand called `brand` when one is named.
 */
export async function findReportSubjects(
  db: Kysely<Database>,
  names: { workspace?: string; brand?: string },
): Promise<ReportSubject[]> {
  let query = db
    .selectFrom('workspaces as w')
    .select(['w.id as workspaceId', 'w.name as workspaceName'])
    .orderBy('w.name');
  if (names.workspace) query = query.where('w.name', '=', names.workspace);
  if (!names.brand) {
    const rows = await query.execute();
    return rows.map((row) => ({ ...row, brandId: null }));
  }
  return query
    .innerJoin('brands as b', 'b.workspace_id', 'w.id')
    .select('b.id as brandId')
    .where('b.name', '=', names.brand)
    .execute();
}
