import { findContactForModeration, setContactBlocked } from '../../store/moderation.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';
import { recordModerationStep } from './record-moderation-step.ts';

type ContactModeration =
  | { action: 'block'; reason: 'spam' | 'abuse'; note: string | null }
  | { action: 'unblock'; note: string };

/**
 * Blocks a contact as spam or abuse: their new posts are stored as blocked and kept out of the
 * inbox; what they said before stays. Blocking again changes nothing.
 */
export function blockContact(
  context: UseCaseContext,
  contactId: string,
  why: { reason: 'spam' | 'abuse'; note: string | null },
) {
  return moderateContact(context, contactId, { action: 'block', ...why });
}

/** Unblocks a contact, saying why. */
export function unblockContact(context: UseCaseContext, contactId: string, note: string) {
  return moderateContact(context, contactId, { action: 'unblock', note });
}

async function moderateContact(
  context: UseCaseContext,
  contactId: string,
  change: ContactModeration,
) {
  const { workspaceId, now } = context;
  return context.store.db.transaction().execute(async (tx) => {
    const contact = await findContactForModeration(tx, workspaceId, contactId);
    if (!contact) throw new AppError('contact_not_found', 'no such contact');
    const blocked = change.action === 'block';
    if (blocked === (contact.blocked_at !== null)) {
      return { id: contact.id, blockedAt: contact.blocked_at?.toISOString() ?? null };
    }
    await setContactBlocked(tx, contact.id, blocked ? now : null);
    await recordModerationStep(tx, context, {
      action: change.action,
      mentionId: null,
      contactId: contact.id,
      conversationId: null,
      reason: change.action === 'block' ? change.reason : null,
      note: change.note,
      onNetwork: 'not_applicable',
      onNetworkError: null,
    });
    return { id: contact.id, blockedAt: blocked ? now.toISOString() : null };
  });
}
