import { listCustomerMentionIds } from '../../store/mentions.repository.ts';
import { AppError } from '../app-error.ts';
import { correctTriage } from '../triage/correct-triage.ts';
import type { UseCaseContext } from '../use-case.ts';
import { assignConversation } from './assign-conversation.ts';
import { moveConversationToTeam } from './move-conversation-to-team.ts';
import { setConversationStatus } from './set-conversation-status.ts';
import { tagConversation } from './tag-conversation.ts';

/** One change applied to many conversations from the inbox's selection. */
export type BulkAction =
  | { type: 'assign'; assigneeId: string | null }
  | { type: 'team'; teamId: string | null }
  | { type: 'tag'; tag: string }
  | { type: 'resolve' }
  | { type: 'spam' };

export type BulkResult =
  { id: string; ok: true } | { id: string; ok: false; code: string; message: string };

/** Refusals about the action itself, not about one conversation. */
const actionErrors = new Set<string>(['user_not_found', 'team_not_found']);

/** The most a bulk change takes at once: one inbox page and then some. */
export const bulkLimit = 200;

/**
 * Applies one action to each conversation, each through the same use case (and so the same
 * rules, events and audit) as the single action, one after another. A conversation that refuses
 * (gone, another workspace's, a rule) is reported with its reason and does not stop the others;
 * every one reported ok was stored. An assignee or team that is not the workspace's refuses the
 * whole request before anything changes.
 */
export async function changeConversations(
  context: UseCaseContext,
  conversationIds: readonly string[],
  action: BulkAction,
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of new Set(conversationIds)) {
    try {
      await applyOne(context, id, action);
      results.push({ id, ok: true });
    } catch (error) {
      // A member or team that is not the workspace's is wrong for all of them, and refused
      // before the first change: the whole request fails.
      if (!(error instanceof AppError) || actionErrors.has(error.code)) throw error;
      results.push({ id, ok: false, code: error.code, message: error.message });
    }
  }
  return results;
}

async function applyOne(context: UseCaseContext, id: string, action: BulkAction): Promise<void> {
  switch (action.type) {
    case 'assign':
      await assignConversation(context, id, action.assigneeId);
      return;
    case 'team':
      await moveConversationToTeam(context, id, action.teamId);
      return;
    case 'tag':
      await tagConversation(context, id, action.tag);
      return;
    case 'resolve':
      await setConversationStatus(context, id, { status: 'resolved' });
      return;
    case 'spam': {
      const mentionIds = await listCustomerMentionIds(context.store.db, context.workspaceId, id);
      if (mentionIds.length === 0)
        throw new AppError('conversation_not_found', 'no such conversation');
      for (const mentionId of mentionIds) await correctTriage(context, mentionId, { spam: 'yes' });
      return;
    }
  }
}
