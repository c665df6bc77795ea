import type { Kysely } from 'kysely';
import { notifyChanges } from '../../store/changes.ts';
import type { Database } from '../../store/schema.ts';

/** Tells every open inbox, on commit, that a reply of a conversation changed. */
export function noticeReplyChanged(
  tx: Kysely<Database>,
  workspaceId: string,
  reply: { id: string; conversationId: string },
): Promise<void> {
  return notifyChanges(tx, [
    {
      type: 'reply.updated',
      workspaceId,
      conversationId: reply.conversationId,
      replyId: reply.id,
    },
  ]);
}
