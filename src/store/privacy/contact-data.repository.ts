import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

const nilId = '00000000-0000-0000-0000-000000000000';
const iso = (at: Date | null) => (at ? at.toISOString() : null);

/**
 * The mentions these contacts wrote, wherever they were posted: their own conversations and
 * other people's threads, matched by network identity. No index serves the author: a privacy
 * request is rare, and an index on every mention's author would slow every intake.
 */
export async function listAuthoredMentions(
  db: Kysely<Database>,
  workspaceId: string,
  contactIds: readonly string[],
) {
  if (contactIds.length === 0) return [];
  return db
    .selectFrom('mentions as m')
    .innerJoin('contact_identities as ci', (join) =>
      join
        .onRef('ci.workspace_id', '=', 'm.workspace_id')
        .onRef('ci.network', '=', 'm.network')
        .onRef('ci.external_id', '=', 'm.author_external_id'),
    )
    .select([
      'm.id',
      'm.conversation_id',
      'ci.contact_id',
      'm.network',
      'm.external_id',
      'm.text',
      'm.author_handle',
      'm.author_display_name',
      'm.url',
      'm.posted_at',
      'm.received_at',
      'm.is_private',
      'm.language',
      'm.triage',
      'm.hidden_at',
      'm.hidden_reason',
      'm.deleted_at',
      'm.edited_at',
      'm.edits',
      'm.erased_at',
    ])
    .where('m.workspace_id', '=', workspaceId)
    .where('ci.contact_id', 'in', [...contactIds])
    .orderBy('m.posted_at')
    .orderBy('m.id')
    .execute();
}

/** Everything Earshot holds about these contacts (one person), for a privacy export. */
export async function loadContactData(
  db: Kysely<Database>,
  workspaceId: string,
  contactIds: readonly string[],
) {
  const ids = [...contactIds];
  const [contacts, identities, conversations, mentions] = await Promise.all([
    db
      .selectFrom('contacts')
      .select(['id', 'display_name', 'person_id', 'blocked_at', 'created_at', 'erased_at'])
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('contact_identities')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', 'in', ids)
      .orderBy('network')
      .orderBy('handle')
      .execute(),
    db
      .selectFrom('conversations as c')
      .innerJoin('brands as b', 'b.id', 'c.brand_id')
      .select([
        'c.id',
        'c.contact_id',
        'c.network',
        'c.status',
        'c.priority',
        'c.tags',
        'c.preview',
        'c.is_private',
        'c.created_at',
        'c.last_message_at',
        'c.resolved_at',
        'b.id as brand_id',
        'b.name as brand_name',
      ])
      .where('c.workspace_id', '=', workspaceId)
      .where('c.contact_id', 'in', ids)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute(),
    listAuthoredMentions(db, workspaceId, ids),
  ]);
  const conversationIds = conversations.map((c) => c.id);
  const mentionIds = mentions.map((m) => m.id);
  // `in ()` is not SQL: with no conversation, the nil id matches nothing.
  const inConversations = conversationIds.length > 0 ? conversationIds : [nilId];
  const [replies, notes, moderation, csat, requests] = await Promise.all([
    db
      .selectFrom('replies as r')
      .leftJoin('users as u', 'u.id', 'r.author_id')
      .select([
        'r.id',
        'r.conversation_id',
        'r.in_reply_to_mention_id',
        'r.text',
        'r.visibility',
        'r.status',
        'r.url',
        'r.created_at',
        'r.sent_at',
        'u.name as author_name',
      ])
      .where('r.workspace_id', '=', workspaceId)
      .where('r.conversation_id', 'in', inConversations)
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute(),
    db
      .selectFrom('notes as n')
      .leftJoin('users as u', 'u.id', 'n.author_id')
      .select(['n.id', 'n.conversation_id', 'n.body', 'n.created_at', 'u.name as author_name'])
      .where('n.workspace_id', '=', workspaceId)
      .where('n.conversation_id', 'in', inConversations)
      .orderBy('n.created_at')
      .orderBy('n.id')
      .execute(),
    db
      .selectFrom('moderation_actions')
      .select([
        'id',
        'action',
        'mention_id',
        'contact_id',
        'conversation_id',
        'reason',
        'note',
        'on_network',
        'created_at',
      ])
      .where('workspace_id', '=', workspaceId)
      .where((eb) =>
        eb.or([
          eb('contact_id', 'in', ids),
          ...(mentionIds.length > 0 ? [eb('mention_id', 'in', mentionIds)] : []),
          ...(conversationIds.length > 0 ? [eb('conversation_id', 'in', conversationIds)] : []),
        ]),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('csat_surveys')
      .select(['id', 'conversation_id', 'status', 'score', 'resolved_at', 'answered_at'])
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', 'in', inConversations)
      .orderBy('resolved_at')
      .execute(),
    db
      .selectFrom('privacy_requests')
      .select(['kind', 'reason', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', 'in', ids)
      .orderBy('created_at')
      .execute(),
  ]);
  return {
    contacts: contacts.map((contact) => ({
      id: contact.id,
      displayName: contact.display_name,
      linked: contact.person_id !== null,
      createdAt: contact.created_at.toISOString(),
      blockedAt: iso(contact.blocked_at),
      erasedAt: iso(contact.erased_at),
      identities: identities
        .filter((identity) => identity.contact_id === contact.id)
        .map((identity) => ({
          network: identity.network,
          externalId: identity.external_id,
          handle: identity.handle,
          displayName: identity.display_name,
          followers: identity.followers,
          url: identity.url,
          updatedAt: identity.updated_at.toISOString(),
        })),
    })),
    conversations: conversations.map((c) => ({
      id: c.id,
      contactId: c.contact_id,
      network: c.network,
      brand: { id: c.brand_id, name: c.brand_name },
      status: c.status,
      priority: c.priority,
      tags: c.tags,
      preview: c.preview,
      isPrivate: c.is_private,
      createdAt: c.created_at.toISOString(),
      lastMessageAt: c.last_message_at.toISOString(),
      resolvedAt: iso(c.resolved_at),
    })),
    mentions: mentions.map((m) => ({
      id: m.id,
      conversationId: m.conversation_id,
      contactId: m.contact_id,
      network: m.network,
      externalId: m.external_id,
      text: m.text,
      authorHandle: m.author_handle,
      authorDisplayName: m.author_display_name,
      url: m.url,
      postedAt: m.posted_at.toISOString(),
      receivedAt: m.received_at.toISOString(),
      isPrivate: m.is_private,
      language: m.language,
      triage: (m.triage ?? null) as Record<string, unknown> | null,
      hiddenAt: iso(m.hidden_at),
      hiddenReason: m.hidden_reason,
      deletedAt: iso(m.deleted_at),
      editedAt: iso(m.edited_at),
      edits: m.edits,
      erasedAt: iso(m.erased_at),
    })),
    replies: replies.map((r) => ({
      id: r.id,
      conversationId: r.conversation_id,
      inReplyToMentionId: r.in_reply_to_mention_id,
      text: r.text,
      visibility: r.visibility,
      status: r.status,
      url: r.url,
      author: r.author_name,
      createdAt: r.created_at.toISOString(),
      sentAt: iso(r.sent_at),
    })),
    notes: notes.map((n) => ({
      id: n.id,
      conversationId: n.conversation_id,
      body: n.body,
      author: n.author_name,
      createdAt: n.created_at.toISOString(),
    })),
    moderation: moderation.map((step) => ({
      id: step.id,
      action: step.action,
      mentionId: step.mention_id,
      contactId: step.contact_id,
      conversationId: step.conversation_id,
      reason: step.reason,
      note: step.note,
      onNetwork: step.on_network,
      createdAt: step.created_at.toISOString(),
    })),
    csat: csat.map((survey) => ({
      id: survey.id,
      conversationId: survey.conversation_id,
      status: survey.status,
      score: survey.score,
      resolvedAt: survey.resolved_at.toISOString(),
      answeredAt: iso(survey.answered_at),
    })),
    tags: [...new Set(conversations.flatMap((c) => c.tags))].sort(),
    privacyRequests: requests.map((request) => ({
      kind: request.kind,
      reason: request.reason,
      createdAt: request.created_at.toISOString(),
    })),
  };
}

export type ContactData = Awaited<ReturnType<typeof loadContactData>>;
