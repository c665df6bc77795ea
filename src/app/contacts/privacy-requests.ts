import { erasureTombstone } from '../../domain/privacy.ts';
import { notifyChanges } from '../../store/changes.ts';
import { findPersonKey, listPersonContactIds } from '../../store/customer-history.repository.ts';
import { newId } from '../../store/ids.ts';
import type { ErasedCounts } from '../../store/privacy/contact-erasure.repository.ts';
import {
  eraseContacts,
  lockContactsForErasure,
  recordPrivacyRequest,
} from '../../store/privacy/contact-erasure.repository.ts';
import { loadContactData } from '../../store/privacy/contact-data.repository.ts';
import type { ContactData } from '../../store/privacy/contact-data.repository.ts';
import type { Database } from '../../store/schema.ts';
import type { Kysely } from 'kysely';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import type { UseCaseContext } from '../use-case.ts';

/** A contact and everyone an agent linked to it as the same person. */
async function personContactIds(
  db: Kysely<Database>,
  workspaceId: string,
  contactId: string,
): Promise<string[]> {
  const key = await findPersonKey(db, workspaceId, contactId);
  if (key === undefined) throw new AppError('contact_not_found', 'no such contact');
  return listPersonContactIds(db, workspaceId, key);
}

/**
 * Everything Earshot holds about a customer (the contact and the contacts linked to it as the
 * same person), for their legal request to see it. The export itself is recorded.
 */
export async function exportContactData(
  context: UseCaseContext,
  contactId: string,
): Promise<ContactData & { contactId: string; exportedAt: string }> {
  const { workspaceId } = context;
  return context.store.db.transaction().execute(async (tx) => {
    const ids = await personContactIds(tx, workspaceId, contactId);
    const data = await loadContactData(tx, workspaceId, ids);
    await recordPrivacyRequest(tx, {
      id: newId(),
      workspaceId,
      contactId,
      kind: 'export',
      reason: null,
      requestedBy: context.userId,
      at: context.now,
    });
    await recordChange(tx, context, {
      kind: 'privacy.exported',
      target: { type: 'contact', id: contactId },
      after: { contacts: ids.length },
    });
    return { contactId, exportedAt: context.now.toISOString(), ...data };
  });
}

/**
 * Erases a customer at their legal request: their personal data and texts (and those of the
 * contacts linked to them as the same person) become a tombstone, in one transaction, recorded
 * with who asked and why. It cannot be undone; a contact erased already is refused, so a second
 * request cannot pass for a fresh erasure. Not moderation: the moderation log stays as it is.
 */
export async function eraseContact(
  context: UseCaseContext,
  contactId: string,
  reason: string,
): Promise<ErasedCounts & { erasedAt: string; contactIds: string[] }> {
  const { workspaceId, now } = context;
  return context.store.db.transaction().execute(async (tx) => {
    const ids = await personContactIds(tx, workspaceId, contactId);
    const locked = await lockContactsForErasure(tx, workspaceId, ids);
    const asked = locked.find((contact) => contact.id === contactId);
    if (!asked) throw new AppError('contact_not_found', 'no such contact');
    if (asked.erased_at)
      throw new AppError('contact_already_erased', 'this contact was erased already', {
        erasedAt: asked.erased_at.toISOString(),
      });
    // A contact linked to the person after an earlier erasure is erased now; the others stay.
    const toErase = locked.filter((contact) => !contact.erased_at).map((contact) => contact.id);
    const erased = await eraseContacts(tx, workspaceId, toErase, erasureTombstone(now), now);
    await recordPrivacyRequest(tx, {
      id: newId(),
      workspaceId,
      contactId,
      kind: 'erasure',
      reason,
      requestedBy: context.userId,
      at: now,
    });
    // What was erased is counted, never named: the log must not keep what the erasure removed.
    await recordChange(tx, context, {
      kind: 'privacy.erased',
      target: { type: 'contact', id: contactId },
      after: {
        reason,
        contacts: erased.contacts,
        mentions: erased.mentions,
        conversations: erased.conversations,
        replies: erased.replies,
        notes: erased.notes,
      },
    });
    // Open screens reload the conversations and show the tombstone.
    await notifyChanges(
      tx,
      erased.conversationIds.map((conversationId) => ({
        type: 'conversation.updated',
        workspaceId,
        conversationId,
      })),
    );
    return {
      contacts: erased.contacts,
      mentions: erased.mentions,
      conversations: erased.conversations,
      replies: erased.replies,
      notes: erased.notes,
      erasedAt: now.toISOString(),
      contactIds: toErase,
    };
  });
}
