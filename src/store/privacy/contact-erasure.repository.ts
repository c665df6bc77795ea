import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { erasedExternalIdPrefix, erasedHandle } from '../../domain/privacy.ts';
import type { Database } from '../schema.ts';

/** The replies not yet on the network: erasing cancels them, so a tombstone is never posted. */
const unsentReplyStatuses = ['draft', 'awaiting_approval', 'queued', 'failed'] as const;

export interface ErasedCounts {
  contacts: number;
  mentions: number;
  conversations: number;
  replies: number;
  notes: number;
}

/**
 * The contacts of a person, locked until the transaction ends, with when each was erased: two
 * erasures (or an erasure and a link) of the same person wait for each other.
 */
export async function lockContactsForErasure(
  db: Kysely<Database>,
  workspaceId: string,
  contactIds: readonly string[],
) {
  return db
    .selectFrom('contacts')
    .select(['id', 'erased_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...contactIds])
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * Call inside a transaction. Replaces these contacts' personal data and every text of theirs with
 * the tombstone: their names and identities, the posts they wrote (text, author, link, raw payload,
 * earlier versions; `mentions.search` is generated from the text, so search forgets them), their
 * conversations' previews, the replies and notes in those conversations, and viral alerts about
 * their posts. Rows, times, triage labels and scores stay, so reports keep their counts. The
 * moderation log is never touched.
 */
export async function eraseContacts(
  db: Kysely<Database>,
  workspaceId: string,
  contactIds: readonly string[],
  tombstone: string,
  now: Date,
): Promise<ErasedCounts & { conversationIds: string[] }> {
  const ids = [...contactIds];
  // Matched through the identities before they are renamed; the posts keep pointing at them.
  const { rows: mentions } = await sql<{ id: string }>`
    update mentions m set
      text = ${tombstone}, author_handle = ${erasedHandle}, author_display_name = null,
      author_followers = null, url = null, raw = null, edits = '[]'::jsonb,
      author_external_id = ${erasedExternalIdPrefix} || ci.id::text, erased_at = ${now}
    from contact_identities ci
    where ci.workspace_id = ${workspaceId} and ci.contact_id = any(${ids}::uuid[])
      and m.workspace_id = ci.workspace_id and m.network = ci.network
      and m.author_external_id = ci.external_id
    returning m.id`.execute(db);
  // Their reposts (share records) keep their row and time, not who they were.
  await sql`
    update reposts r set
      author_handle = ${erasedHandle}, author_followers = null, author_created_at = null,
      url = null, author_external_id = ${erasedExternalIdPrefix} || ci.id::text
    from contact_identities ci
    where ci.workspace_id = ${workspaceId} and ci.contact_id = any(${ids}::uuid[])
      and r.workspace_id = ci.workspace_id and r.network = ci.network
      and r.author_external_id = ci.external_id`.execute(db);
  await sql`
    update contact_identities set
      external_id = ${erasedExternalIdPrefix} || id::text, handle = ${erasedHandle},
      display_name = null, followers = null, url = null, updated_at = ${now}
    where workspace_id = ${workspaceId} and contact_id = any(${ids}::uuid[])`.execute(db);
  const contacts = await db
    .updateTable('contacts')
    .set({ display_name: tombstone, erased_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .executeTakeFirst();
  const conversations = await db
    .updateTable('conversations')
    .set({ preview: tombstone })
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', 'in', ids)
    .returning('id')
    .execute();
  const conversationIds = conversations.map((c) => c.id);
  const counts: ErasedCounts = {
    contacts: Number(contacts.numUpdatedRows),
    mentions: mentions.length,
    conversations: conversationIds.length,
    replies: 0,
    notes: 0,
  };
  if (mentions.length > 0) {
    await sql`
      update alerts set summary = ${tombstone}, data = data - 'url'
      where workspace_id = ${workspaceId} and mention_id = any(${mentions.map((m) => m.id)}::uuid[])`.execute(
      db,
    );
  }
  if (conversationIds.length === 0) return { ...counts, conversationIds };
  const replies = await db
    .updateTable('replies')
    .set({ text: tombstone, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', 'in', conversationIds)
    .returning(['id', 'status'])
    .execute();
  const unsent = replies
    .filter((reply) => (unsentReplyStatuses as readonly string[]).includes(reply.status))
    .map((reply) => reply.id);
  if (unsent.length > 0) {
    await db
      .updateTable('replies')
      .set({ status: 'rejected', error: tombstone, next_attempt_at: null, locked_until: null })
      .where('id', 'in', unsent)
      .execute();
    await db
      .updateTable('reply_approvals')
      .set({ decision: 'rejected', decided_at: now, rejection_reason: tombstone })
      .where('reply_id', 'in', unsent)
      .where('decision', 'is', null)
      .execute();
  }
  if (replies.length > 0) {
    await db
      .updateTable('reply_approvals')
      .set({ tone_flags: sql`'[]'::jsonb` })
      .where(
        'reply_id',
        'in',
        replies.map((reply) => reply.id),
      )
      .execute();
  }
  const notes = await db
    .updateTable('notes')
    .set({ body: tombstone })
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', 'in', conversationIds)
    .executeTakeFirst();
  counts.replies = replies.length;
  counts.notes = Number(notes.numUpdatedRows);
  return { ...counts, conversationIds };
}

/** Records that an owner exported or erased a contact's data (append-only). */
export async function recordPrivacyRequest(
  db: Kysely<Database>,
  request: {
    id: string;
    workspaceId: string;
    contactId: string;
    kind: 'export' | 'erasure';
    reason: string | null;
    requestedBy: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('privacy_requests')
    .values({
      id: request.id,
      workspace_id: request.workspaceId,
      contact_id: request.contactId,
      kind: request.kind,
      reason: request.reason,
      requested_by: request.requestedBy,
      created_at: request.at,
    })
    .execute();
}
