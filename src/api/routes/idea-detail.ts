import type { Kysely } from 'kysely';
import { findIdea, listIdeaMentions } from '../../store/ideas.repository.ts';
import type { IdeaRow } from '../../store/ideas.repository.ts';
import type { Database } from '../../store/schema.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

/** How the ideas routes answer: an idea as JSON, with its linked mentions for the detail view. */
export function toJson(row: IdeaRow) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    declinedReason: row.declined_reason,
    mergedIntoId: row.merged_into_id,
    votes: Number(row.votes ?? 0),
    votedByMe: Boolean(row.voted),
    mentionCount: Number(row.mentions ?? 0),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** One idea with its linked mentions, as the caller sees it (votedByMe is theirs). */
export async function loadDetail(db: Kysely<Database>, vars: AppEnv['Variables'], ideaId: string) {
  const row = await findIdea(db, vars.workspaceId, vars.user.id, ideaId);
  if (!row) throw new ApiError(404, 'idea_not_found', 'no such idea');
  const mentions = await listIdeaMentions(db, ideaId);
  return {
    ...toJson(row),
    mentions: mentions.map((m) => ({
      id: m.id,
      conversationId: m.conversation_id,
      network: m.network,
      text: m.text,
      authorHandle: m.author_handle,
      url: m.url,
      postedAt: m.posted_at.toISOString(),
    })),
  };
}
