import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** Replies of each agent the weekly queue samples until a manager sets another rate. */
export const defaultSamplePerAgent = 5;

export async function findSamplePerAgent(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<number> {
  const row = await db
    .selectFrom('quality_settings')
    .select('sample_per_agent')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row?.sample_per_agent ?? defaultSamplePerAgent;
}

export async function saveSamplePerAgent(
  db: Kysely<Database>,
  workspaceId: string,
  samplePerAgent: number,
  now: Date,
): Promise<void> {
  await db
    .insertInto('quality_settings')
    .values({ workspace_id: workspaceId, sample_per_agent: samplePerAgent, updated_at: now })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet({ sample_per_agent: samplePerAgent, updated_at: now }),
    )
    .execute();
}
