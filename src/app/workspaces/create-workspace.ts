import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import {
  createWorkspace as insertWorkspace,
  upsertMembership,
} from '../../store/workspaces.repository.ts';

/** Creates a workspace (an agency keeps one per client) with its creator as its owner. */
export async function createWorkspace(db: Kysely<Database>, creatorId: string, name: string) {
  const workspace = await db.transaction().execute(async (tx) => {
    const created = await insertWorkspace(tx, name);
    await upsertMembership(tx, { workspaceId: created.id, userId: creatorId, role: 'owner' });
    return created;
  });
  return { id: workspace.id, name: workspace.name, role: 'owner' as const };
}
