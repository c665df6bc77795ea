import type { Kysely } from 'kysely';
import type { DomainEvent } from '../../domain/events.ts';
import type {
  IntakeNotice,
  IntakePlan,
  PlannedConversation,
  PlannedMention,
} from '../../domain/intake-plan.ts';
import { notifyChanges } from '../changes.ts';
import { insertConversations } from '../conversations.repository.ts';
import { appendEvents } from '../events.repository.ts';
import { insertMentions } from '../mentions.repository.ts';
import type { Database, NewConversationRow } from '../schema.ts';
import { storableJson, storableText } from '../storable-text.ts';

/** Where a batch was heard: the columns every row of its plan shares. */
interface IntakeTarget {
  workspaceId: string;
  brandId: string;
  network: string;
  channelAccountId: string | null;
}

/** A plan's rows as written: what the after-intake steps (routing) read. */
export interface SavedIntake {
  conversations: NewConversationRow[];
  mentions: Array<ReturnType<typeof mentionRow>>;
}

/**
 * Writes the rows a plan adds, in the caller's transaction, one statement per table whatever the
 * batch's size: the conversations it opens, then its mentions. What it changes on stored
 * conversations is written by an after-intake step (after routing has read the agents' loads),
 * and the events and notices last (recordIntakeEvents), after the steps that add theirs.
 */
export async function saveIntakePlan(
  db: Kysely<Database>,
  target: IntakeTarget,
  plan: IntakePlan,
  now: Date,
): Promise<SavedIntake> {
  const saved: SavedIntake = {
    conversations: plan.conversations.map((planned) => conversationRow(target, planned, now)),
    mentions: plan.mentions.map((planned) => mentionRow(target, planned, now)),
  };
  await insertConversations(db, saved.conversations);
  await insertMentions(db, saved.mentions);
  return saved;
}

/** Appends a batch's events and queues its notices for when the transaction commits. */
export async function recordIntakeEvents(
  db: Kysely<Database>,
  workspaceId: string,
  events: readonly DomainEvent[],
  notices: readonly IntakeNotice[],
): Promise<void> {
  await appendEvents(db, workspaceId, [...events]);
  await notifyChanges(
    db,
    notices.map(({ type, ...about }) => ({ type, workspaceId, ...about })),
  );
}

function conversationRow(
  target: IntakeTarget,
  planned: PlannedConversation,
  now: Date,
): NewConversationRow {
  const { conversation } = planned;
  return {
    id: conversation.id,
    workspace_id: target.workspaceId,
    brand_id: target.brandId,
    contact_id: planned.contactId,
    network: target.network,
    root_external_id: planned.rootExternalId,
    is_private: planned.isPrivate,
    status: conversation.status,
    priority: conversation.priority,
    sentiment: planned.sentiment,
    preview: storableText(planned.preview),
    needs_reply: conversation.needsReply,
    is_spam: planned.isSpam,
    hidden_at: planned.hiddenAt,
    mention_count: planned.mentionCount,
    first_responded_at: conversation.firstRespondedAt,
    resolved_at: conversation.resolvedAt,
    last_message_at: conversation.lastMessageAt,
    created_at: now,
    updated_at: now,
  };
}

function mentionRow(target: IntakeTarget, planned: PlannedMention, now: Date) {
  const { mention, assessment } = planned;
  return {
    id: planned.id,
    workspace_id: target.workspaceId,
    conversation_id: planned.conversationId,
    channel_account_id: target.channelAccountId,
    network: target.network,
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
    quoted_external_id: mention.quotedExternalId ?? null,
    author_created_at: mention.author.createdAt ?? null,
    is_private: mention.isPrivate,
    from_brand: mention.fromBrand ?? false,
    language: mention.language ?? assessment.language ?? null,
    engagement: JSON.stringify(mention.engagement ?? {}),
    triage: assessment.details ? storableJson(assessment.details) : null,
    raw: storableJson(mention.raw),
    review_site: mention.review?.site ?? null,
    rating: mention.review?.stars ?? null,
    rating_value: mention.review?.value ?? null,
    rating_scale: mention.review?.scale ?? null,
    hidden_at: planned.hiddenAt,
    hidden_reason: planned.hiddenReason,
  };
}
