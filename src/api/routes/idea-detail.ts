import type { Kysely } from 'kysely';
import type { EventType } from '../../domain/events.ts';
import { appendEvents } from '../../store/events.repository.ts';
import {
  findIdea,
  findIdeaForUpdate,
  findWorkspaceMentionIds,
  listIdeaMentions,
} from '../../store/ideas.repository.ts';
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

export async function requireMentions(db: Kysely<Database>, ws: string, ids: string[]) {
  const found = await findWorkspaceMentionIds(db, ws, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new ApiError(404, 'mention_not_found', 'no such mention', { missing });
}

/**
 * Runs one change to an idea in a transaction with the idea row locked, records its event when
 * something changed, and answers with the idea as it is afterwards.
 */
export async function changeIdea(
  vars: AppEnv['Variables'],
  ideaId: string,
  work: (
    tx: Kysely<Database>,
    idea: NonNullable<Awaited<ReturnType<typeof findIdeaForUpdate>>>,
  ) => Promise<{ type: EventType; data: Record<string, unknown> } | null>,
) {
  return vars.deps.store.db.transaction().execute(async (tx) => {
    const idea = await findIdeaForUpdate(tx, vars.workspaceId, ideaId);
    if (!idea) throw new ApiError(404, 'idea_not_found', 'no such idea');
    const event = await work(tx, idea);
    if (event) {
      await appendEvents(tx, vars.workspaceId, [
        {
          ...event,
          data: { ideaId, ...event.data },
          actor: { type: 'user', id: vars.user.id },
          conversationId: null,
          occurredAt: vars.deps.now(),
        },
      ]);
    }
    return loadDetail(tx, vars, ideaId);
  });
}
