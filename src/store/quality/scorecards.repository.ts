import type { Kysely } from 'kysely';
import { newId } from '../ids.ts';
import type { Database } from '../schema.ts';

export interface StoredScorecard {
  id: string;
  name: string;
  archivedAt: Date | null;
  createdAt: Date;
  criteria: Array<{ id: string; name: string; weight: number }>;
}

/** Stores a scorecard with its criteria in their order. */
export async function insertScorecard(
  db: Kysely<Database>,
  scorecard: {
    workspaceId: string;
    name: string;
    criteria: ReadonlyArray<{ name: string; weight: number }>;
    createdBy: string;
    now: Date;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('quality_scorecards')
    .values({
      id,
      workspace_id: scorecard.workspaceId,
      name: scorecard.name,
      created_by: scorecard.createdBy,
      created_at: scorecard.now,
    })
    .execute();
  await db
    .insertInto('quality_criteria')
    .values(
      scorecard.criteria.map((criterion, position) => ({
        id: newId(),
        scorecard_id: id,
        name: criterion.name,
        weight: criterion.weight,
        position,
      })),
    )
    .execute();
  return id;
}

/** The workspace's scorecards, oldest first, each with its criteria in order. */
export async function listScorecards(
  db: Kysely<Database>,
  workspaceId: string,
  options: { id?: string } = {},
): Promise<StoredScorecard[]> {
  let query = db
    .selectFrom('quality_scorecards as s')
    .leftJoin('quality_criteria as c', 'c.scorecard_id', 's.id')
    .select([
      's.id',
      's.name',
      's.archived_at',
      's.created_at',
      'c.id as criterion_id',
      'c.name as criterion_name',
      'c.weight',
    ])
    .where('s.workspace_id', '=', workspaceId);
  if (options.id) query = query.where('s.id', '=', options.id);
  const rows = await query.orderBy('s.created_at').orderBy('s.id').orderBy('c.position').execute();
  const byId = new Map<string, StoredScorecard>();
  for (const row of rows) {
    let card = byId.get(row.id);
    if (!card) {
      card = {
        id: row.id,
        name: row.name,
        archivedAt: row.archived_at,
        createdAt: row.created_at,
        criteria: [],
      };
      byId.set(row.id, card);
    }
    if (row.criterion_id)
      card.criteria.push({ id: row.criterion_id, name: row.criterion_name!, weight: row.weight! });
  }
  return [...byId.values()];
}

export async function findScorecard(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
): Promise<StoredScorecard | undefined> {
  return (await listScorecards(db, workspaceId, { id }))[0];
}

/** Archives a scorecard: kept for the reviews made with it, offered for no new one. */
export async function archiveScorecard(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('quality_scorecards')
    .set((eb) => ({ archived_at: eb.fn.coalesce('archived_at', eb.val(now)) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
