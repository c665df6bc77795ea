import type { ChannelServices } from '../../pipeline/intake/channel-registry.ts';
import { hideOnNetwork } from '../../pipeline/intake/channel-registry.ts';
import {
  findMentionForModeration,
  lastOnNetwork,
  refreshConversationHidden,
  setMentionHidden,
} from '../../store/moderation.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';
import { recordModerationStep } from './record-moderation-step.ts';

type MentionModeration =
  | { action: 'hide'; reason: 'spam' | 'abuse'; note: string | null }
  | { action: 'unhide'; note: string };

/** Hides a mention as spam or abuse: never deleted, recorded with who and why. */
export function hideMention(
  context: UseCaseContext,
  channels: ChannelServices,
  mentionId: string,
  why: { reason: 'spam' | 'abuse'; note: string | null },
) {
  return moderateMention(context, channels, mentionId, { action: 'hide', ...why });
}

/** Shows a hidden mention again, saying why. */
export function unhideMention(
  context: UseCaseContext,
  channels: ChannelServices,
  mentionId: string,
  note: string,
) {
  return moderateMention(context, channels, mentionId, { action: 'unhide', note });
}

const isNoOp = (action: MentionModeration['action'], mention: { hidden_at: Date | null }) =>
  action === 'hide' ? mention.hidden_at !== null : mention.hidden_at === null;

/**
 * Hides or shows one mention; a no-op (same state) records nothing. The network is asked first,
 * outside the transaction (no lock is held while it answers); whatever it says, the change holds
 * in Earshot, and its outcome is recorded with the step.
 */
async function moderateMention(
  context: UseCaseContext,
  channels: ChannelServices,
  mentionId: string,
  change: MentionModeration,
) {
  const { store, workspaceId, now } = context;
  const before = await findMentionForModeration(store.db, workspaceId, mentionId);
  if (!before) throw new AppError('mention_not_found', 'no such mention');
  const outcome = isNoOp(change.action, before)
    ? undefined
    : await hideOnNetwork(store.db, channels, before.id, change.action === 'hide');
  return store.db.transaction().execute(async (tx) => {
    const mention = await findMentionForModeration(tx, workspaceId, mentionId);
    if (!mention) throw new AppError('mention_not_found', 'no such mention');
    const hidden = change.action === 'hide' ? { at: now, reason: change.reason } : null;
    const already = isNoOp(change.action, mention);
    const last = already || !outcome ? await lastOnNetwork(tx, mention.id) : undefined;
    const onNetwork = outcome?.onNetwork ?? last?.on_network ?? 'not_supported';
    const onNetworkError = outcome ? outcome.error : (last?.on_network_error ?? null);
    if (!already) {
      await setMentionHidden(tx, mention.id, hidden);
      await refreshConversationHidden(tx, mention.conversation_id, now);
      await recordModerationStep(tx, context, {
        action: change.action,
        mentionId: mention.id,
        contactId: null,
        conversationId: mention.conversation_id,
        reason: change.action === 'hide' ? change.reason : null,
        note: change.note,
        onNetwork,
        onNetworkError,
      });
    }
    const state = already
      ? mention.hidden_at && mention.hidden_reason
        ? { reason: mention.hidden_reason, at: mention.hidden_at.toISOString() }
        : null
      : hidden && { reason: hidden.reason, at: hidden.at.toISOString() };
    return {
      id: mention.id,
      conversationId: mention.conversation_id,
      hidden: state,
      onNetwork,
      onNetworkError,
    };
  });
}
