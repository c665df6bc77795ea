import type { DomainEvent } from '../../domain/events.ts';
import {
  linkSamePerson as saveLink,
  unlinkFromPerson,
} from '../../store/customer-history-links.repository.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { AppError } from '../app-error.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';

const contactEvent = (
  context: UseCaseContext,
  type: 'contact.linked' | 'contact.unlinked',
  data: DomainEvent['data'],
): DomainEvent => ({
  type,
  actor: userActor(context),
  conversationId: null,
  data,
  occurredAt: context.now,
});

/**
 * Records that two contacts (say, one on Bluesky and one on Mastodon) are the same person, so
 * their histories show together. Linking them again records nothing.
 */
export async function linkSamePerson(
  context: UseCaseContext,
  contactId: string,
  sameAsContactId: string,
): Promise<void> {
  const { workspaceId } = context;
  await context.store.db.transaction().execute(async (tx) => {
    const linked = await saveLink(tx, workspaceId, contactId, sameAsContactId);
    if (linked === undefined) throw new AppError('contact_not_found', 'no such contact');
    if (linked) {
      const data = { contactId, sameAsContactId };
      await appendEvents(tx, workspaceId, [contactEvent(context, 'contact.linked', data)]);
    }
  });
}

/** Takes a contact out of the person it was linked to; the others stay linked. */
export async function unlinkSamePerson(context: UseCaseContext, contactId: string) {
  const { workspaceId } = context;
  await context.store.db.transaction().execute(async (tx) => {
    const unlinked = await unlinkFromPerson(tx, workspaceId, contactId);
    if (unlinked === undefined) throw new AppError('contact_not_found', 'no such contact');
    if (unlinked) {
      await appendEvents(tx, workspaceId, [
        contactEvent(context, 'contact.unlinked', { contactId }),
      ]);
    }
  });
}
