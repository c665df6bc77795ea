import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The conversations still open (not resolved) that a user holds, per workspace. */
export async function listOpenConversationsOfAssignee(
  db: Kysely<Database>,
  userId: string,
  workspaceId?: string,
) {
  let query = db
    .selectFrom('conversations')
    .select(['id', 'workspace_id as workspaceId'])
    .where('assignee_id', '=', userId)
    .where('status', '<>', 'resolved');
  if (workspaceId) query = query.where('workspace_id', '=', workspaceId);
  return query.orderBy('last_message_at').execute();
}
