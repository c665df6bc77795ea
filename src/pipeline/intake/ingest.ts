import type { Kysely } from 'kysely';
import { receiveCustomerMessage, recordReplySent } from '../../domain/conversation.ts';
import type { Conversation } from '../../domain/conversation.ts';
import type { DomainEvent } from '../../domain/events.ts';
import type { Mention } from '../../domain/mention.ts';
import { notifyChanges } from '../../store/changes.ts';
import type { ChangeNotice } from '../../store/changes.ts';
import { resolveContacts } from '../../store/contacts.repository.ts';
import {
  findConversationsByRoot,
  insertConversations,
  saveIngestedConversations,
  toConversation,
} from '../../store/conversations.repository.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { newId } from '../../store/ids.ts';
import { findStoredMentions, insertMentions } from '../../store/mentions.repository.ts';
import type { Database, NewConversationRow } from '../../store/schema.ts';
import { storableJson, storableText } from '../../store/storable-text.ts';
import { inTransaction } from '../../store/transaction.ts';
import { loadAwaitingSurveys, readCsatAnswer, recordCsatAnswers } from '../csat/csat.ts';
import type { CsatAnswer } from '../csat/csat.ts';
import { routeNewConversations } from '../routing/route-conversations.ts';
import { afterIntake } from '../sla/sla-intake.ts';

/** What triage says about one mention; the seam the triage models plug into. */
export interface MentionAssessment {
  priority: number;
  sentiment: string | null;
  needsReply: boolean;
  /** The detected language, when the mention did not say. */
  language?: string;
  details?: Record<string, unknown>;
}

export type Assess = (mention: Mention, receivedAt: Date) => MentionAssessment;

const noAssessment: Assess = () => ({ priority: 0, sentiment: null, needsReply: true });

export interface IngestBatch {
  workspaceId: string;
  brandId: string;
  channelAccountId?: string | null;
  mentions: Mention[];
  /** Labels triage already gave some of these mentions (the import labels the next batch while
   * the current one is written); the others are assessed here. */
  assessed?: ReadonlyMap<Mention, MentionAssessment>;
}

export interface IngestSummary {
  stored: number;
  duplicates: number;
  conversationsCreated: number;
  blocked: number;
  /** Of `stored`, the brand's own posts. */
  storedFromBrand: number;
}

const previewLength = 280;

/**
 * Stores a batch of mentions of one network in one transaction: dedupe on (network, external
 * id), join each to its conversation (reply chain → the same conversation, a new post → a new
 * one, a customer's new message reopens a resolved one), resolve contacts, append events and
 * notify on commit. A customer's answer to a CSAT survey that is only a rating is stored without
 * reopening; a blocked contact's posts are stored hidden (with the block's reason), never shown. Safe to retry: a batch stored twice stores nothing the second time.
 */
export async function ingestMentions(
  db: Kysely<Database>,
  batch: IngestBatch,
  now: Date,
  assess: Assess = noAssessment,
): Promise<IngestSummary> {
  const byExternalId = new Map(batch.mentions.map((mention) => [mention.externalId, mention]));
  const summary: IngestSummary = {
    stored: 0,
    duplicates: batch.mentions.length - byExternalId.size,
    conversationsCreated: 0,
    blocked: 0,
    storedFromBrand: 0,
  };
  if (byExternalId.size === 0) return summary;
  const network = batch.mentions[0]!.network;
  if (batch.mentions.some((mention) => mention.network !== network)) {
    throw new Error('a batch holds mentions of one network');
  }

  return inTransaction(db, async (tx) => {
    // One lookup answers both which of these are stored already (dedupe) and which stored
    // posts they answer (the thread they join).
    const lookedUp = new Set(byExternalId.keys());
    for (const mention of byExternalId.values()) {
      if (mention.parentExternalId) lookedUp.add(mention.parentExternalId);
      if (mention.rootExternalId) lookedUp.add(mention.rootExternalId);
    }
    const conversationOf = new Map<string, string>();
    for (const row of await findStoredMentions(tx, batch.workspaceId, network, [...lookedUp])) {
      conversationOf.set(row.external_id, row.conversation_id);
      if (byExternalId.delete(row.external_id)) summary.duplicates += 1;
    }
    // Oldest first, so a reply in the same batch finds the post it answers.
    const fresh = [...byExternalId.values()].sort(
      (a, b) => a.postedAt.getTime() - b.postedAt.getTime(),
    );
    if (fresh.length === 0) return summary;
    const contacts = await resolveContacts(
      tx,
      batch.workspaceId,
      network,
      fresh.map((m) => m.author),
      now,
    );

    // A thread can arrive out of order (a reply before the post it answers): conversations are
    // also found by the thread's root, whether it was named by a reply or is this very post.
    const threadRoot = (mention: Mention) => mention.rootExternalId ?? mention.externalId;
    const conversationOfRoot = new Map<string, string>();
    const roots = [...new Set(fresh.map(threadRoot))];
    for (const row of await findConversationsByRoot(tx, batch.workspaceId, network, roots))
      conversationOfRoot.set(row.root_external_id, row.id);

    const existingIds = new Set([...conversationOf.values(), ...conversationOfRoot.values()]);
    const existing = new Map<string, Conversation>();
    if (existingIds.size > 0) {
      const rows = await tx
        .selectFrom('conversations')
        .selectAll()
        .where('workspace_id', '=', batch.workspaceId)
        .where('id', 'in', [...existingIds])
        .forUpdate()
        .execute();
      for (const row of rows) existing.set(row.id, toConversation(row));
    }
    // A survey waiting in a conversation is answered by the customer's first message after it.
    const awaitingSurveys = await loadAwaitingSurveys(tx, batch.workspaceId, [...existingIds]);
    const csatAnswers: CsatAnswer[] = [];

    const newConversations = new Map<string, NewConversationRow>();
    const mentionRows = [];
    const events: DomainEvent[] = [];
    const notices: ChangeNotice[] = [];
    const latestSentiment = new Map<string, string>();
    for (const mention of fresh) {
      const contact = contacts.get(mention.author.externalId)!;
      const assessment = batch.assessed?.get(mention) ?? assess(mention, now);
      const threadKey = [mention.parentExternalId, mention.rootExternalId].find(
        (id) => id && conversationOf.has(id),
      );
      let conversationId = threadKey
        ? conversationOf.get(threadKey)!
        : conversationOfRoot.get(threadRoot(mention));
      const mentionId = newId();
      if (!conversationId) {
        conversationId = newId();
        newConversations.set(conversationId, {
          id: conversationId,
          workspace_id: batch.workspaceId,
          brand_id: batch.brandId,
          contact_id: contact.contactId,
          network,
          root_external_id: mention.rootExternalId ?? mention.externalId,
          is_private: mention.isPrivate,
          status: contact.blocked ? 'resolved' : 'new',
          priority: assessment.priority,
          sentiment: assessment.sentiment,
          preview: storableText(mention.text.slice(0, previewLength)),
          needs_reply: !mention.fromBrand && assessment.needsReply,
          is_spam: assessment.details?.['spam'] === true,
          hidden_at: contact.blocked ? now : null,
          mention_count: 0,
          last_message_at: mention.postedAt,
          created_at: now,
          updated_at: now,
        });
        events.push({
          type: 'conversation.created',
          actor: { type: 'customer', id: contact.contactId },
          conversationId,
          data: { mentionId, network, brandId: batch.brandId },
          occurredAt: now,
        });
        notices.push({
          type: 'conversation.created',
          workspaceId: batch.workspaceId,
          conversationId,
        });
        summary.conversationsCreated += 1;
      }
      conversationOf.set(mention.externalId, conversationId);
      if (!conversationOfRoot.has(threadRoot(mention)))
        conversationOfRoot.set(threadRoot(mention), conversationId);
      const created = newConversations.get(conversationId);
      if (created) {
        created.mention_count = (created.mention_count ?? 0) + 1;
        created.priority = Math.max(created.priority ?? 0, assessment.priority);
      }
      const survey = mention.fromBrand ? undefined : awaitingSurveys.get(conversationId);
      const csat = survey && !contact.blocked && readCsatAnswer(survey, mentionId, mention.text);
      if (csat) {
        awaitingSurveys.delete(conversationId);
        csatAnswers.push(csat);
      }
      // Another customer's visible post brings a conversation a blocked contact started back.
      if (created && !contact.blocked && !mention.fromBrand) created.hidden_at = null;
      if (!contact.blocked) {
        // A later post in a conversation this batch started (a brand's answer, a customer's
        // follow-up) moves it on exactly as it would have in a batch of its own.
        const before =
          created && created.mention_count > 1
            ? newConversationState(created, now)
            : existing.get(conversationId);
        // Only a rating answers the survey: the solved case stays solved (and is not reopened).
        if (before && !(csat && csat.onlyRating && before.status === 'resolved')) {
          // The brand's own posts seen on the network (or in an import) answer the customer.
          const transition = mention.fromBrand
            ? recordReplySent(
                before,
                { id: mentionId, sentAt: mention.postedAt },
                { type: 'system' },
                now,
              )
            : receiveCustomerMessage(
                before,
                { id: mentionId, postedAt: mention.postedAt },
                { type: 'customer', id: contact.contactId },
                now,
              );
          if (transition.ok && created) {
            Object.assign(created, newConversationChanges(transition.conversation));
            events.push(...transition.events);
          } else if (transition.ok) {
            existing.set(conversationId, {
              ...transition.conversation,
              priority: Math.max(transition.conversation.priority, assessment.priority),
            });
            events.push(...transition.events);
          }
        }
      }
      if (!mention.fromBrand && !contact.blocked && assessment.sentiment)
        latestSentiment.set(conversationId, assessment.sentiment);
      if (contact.blocked) summary.blocked += 1;
      if (mention.fromBrand) summary.storedFromBrand += 1;
      mentionRows.push({
        id: mentionId,
        workspace_id: batch.workspaceId,
        conversation_id: conversationId,
        channel_account_id: batch.channelAccountId ?? null,
        network,
        external_id: mention.externalId,
        text: storableText(mention.text),
        author_external_id: mention.author.externalId,
        author_handle: storableText(mention.author.handle),
        author_display_name: mention.author.displayName
          ? storableText(mention.author.displayName)
          : null,
        author_followers: mention.author.followers ?? null,
        url: mention.url ?? null,
        posted_at: mention.postedAt,
        received_at: now,
        parent_external_id: mention.parentExternalId ?? null,
        root_external_id: mention.rootExternalId ?? null,
        is_private: mention.isPrivate,
        from_brand: mention.fromBrand ?? false,
        language: mention.language ?? assessment.language ?? null,
        engagement: JSON.stringify(mention.engagement ?? {}),
        triage: assessment.details ? storableJson(assessment.details) : null,
        raw: storableJson(mention.raw),
        // Blocking stops a contact's new posts at intake: kept, hidden with the block's reason.
        hidden_at: contact.blocked ? now : null,
        hidden_reason: contact.blocked ? contact.blockReason : null,
      });
      notices.push({
        type: 'mention.created',
        workspaceId: batch.workspaceId,
        conversationId,
        mentionId,
      });
    }

    await insertConversations(tx, [...newConversations.values()]);
    await insertMentions(tx, mentionRows);
    await recordCsatAnswers(tx, batch.workspaceId, csatAnswers, now);
    summary.stored = mentionRows.length;
    // New conversations get their team (and an agent) on first touch, in this transaction.
    events.push(
      ...(await routeNewConversations(
        tx,
        batch.workspaceId,
        [...newConversations.values()],
        mentionRows,
        now,
      )),
    );
    const added = new Map<string, number>();
    for (const row of mentionRows)
      added.set(row.conversation_id, (added.get(row.conversation_id) ?? 0) + 1);
    await saveIngestedConversations(
      tx,
      batch.workspaceId,
      [...existing.values()].map((conversation) => ({
        conversation,
        added: added.get(conversation.id) ?? 0,
        sentiment: latestSentiment.get(conversation.id) ?? null,
      })),
      now,
    );
    for (const conversation of existing.values()) {
      notices.push({
        type: 'conversation.updated',
        workspaceId: batch.workspaceId,
        conversationId: conversation.id,
      });
    }
    // SLA clocks and out-of-hours acknowledgements, once the conversations have their team.
    await afterIntake(
      tx,
      batch.workspaceId,
      { created: [...newConversations.keys()], touched: [...existing.keys()] },
      now,
    );
    await appendEvents(tx, batch.workspaceId, events);
    await notifyChanges(tx, notices);
    return summary;
  });
}

/** A conversation created earlier in this batch, as the conversation rules see it. */
function newConversationState(row: NewConversationRow, now: Date): Conversation {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    status: row.status ?? 'new',
    priority: row.priority ?? 0,
    teamId: null,
    assigneeId: null,
    tags: [],
    needsReply: row.needs_reply ?? true,
    firstRespondedAt: (row.first_responded_at as Date | null | undefined) ?? null,
    snoozedUntil: null,
    resolvedAt: null,
    lastMessageAt: row.last_message_at as Date,
    updatedAt: now,
  };
}

/** What a rule changed, in the columns of a conversation not yet written. */
function newConversationChanges(conversation: Conversation): Partial<NewConversationRow> {
  return {
    status: conversation.status,
    needs_reply: conversation.needsReply,
    first_responded_at: conversation.firstRespondedAt,
    resolved_at: conversation.resolvedAt,
    last_message_at: conversation.lastMessageAt,
  };
}
