import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { ConversationStatus } from '../domain/conversation.ts';
import type { Database } from './schema.ts';
import { shownTriageLabel } from './triage-corrections.repository.ts';

export const inboxViews = [
  'all',
  'mine',
  'unassigned',
  'my_teams',
  'needs_reply',
  'sla_at_risk',
  'praise',
  'spam',
] as const;
export type InboxView = (typeof inboxViews)[number];

/** How soon a due time must be for the conversation to count as "SLA at risk". */
const slaAtRiskWindowMs = 60 * 60_000;

export interface InboxFilter {
  view: InboxView;
  userId: string;
  /** The moment "SLA at risk" is measured from. */
  now: Date;
  statuses?: ConversationStatus[];
  brandId?: string;
  network?: string;
  teamId?: string;
  tag?: string;
  sentiment?: string;
  /** Triage's intent label of any of the conversation's mentions. */
  intent?: string;
  /** What the author of any of the conversation's customer messages is doing (triage's socialIntent). */
  socialIntent?: string;
  /** The language of any of the conversation's mentions. */
  language?: string;
  /** At least this priority (0–100). */
  minPriority?: number;
  /** The review's stars (its newest rating, 1–5) are one of these. */
  ratings?: number[];
  /** The review's stars are at most this. */
  maxRating?: number;
  /** Full-text search over the conversation's mentions. */
  query?: string;
  /** Opened (created) at or after, and before: what a report's day or period holds. */
  openedFrom?: Date;
  openedTo?: Date;
  /** Only these conversations (the rows a live event named). */
  ids?: string[];
  limit: number;
}

const openStatuses: ConversationStatus[] = ['new', 'open', 'pending'];

type Builder = ExpressionBuilder<Database & { c: Database['conversations'] }, 'c'>;

/** A condition on one of the conversation's mentions (the mentions_conversation index). */
function anyMention(eb: Builder, condition: Expression<SqlBool>) {
  return eb.exists(
    eb
      .selectFrom('mentions as m')
      .select(sql`1`.as('one'))
      .whereRef('m.conversation_id', '=', 'c.id')
      .where(condition),
  );
}

/** The stars of the conversation's newest rated review (null when it has none). */
export const latestRating = sql<number | null>`(select rm.rating from mentions rm
  where rm.conversation_id = c.id and rm.rating is not null
  order by rm.posted_at desc limit 1)`;

/**
 * The WHERE clause of one inbox page. Each view leads with columns an inbox index starts with
 * (workspace, status, then assignee or team); spam is kept out of every view but its own, and
 * what moderation hid is out of them all.
 */
export function inboxConditions(eb: Builder, filter: InboxFilter): Expression<SqlBool> {
  const statuses = filter.statuses && filter.statuses.length > 0 ? filter.statuses : openStatuses;
  const all: Expression<SqlBool>[] = [
    // Literals, not parameters: the planner must see that the open queue's partial index
    // (conversations_queue, migration 0006) holds exactly these rows. Statuses are validated.
    sql<boolean>`c.status in (${sql.join(statuses.map((status) => sql.lit(status)))})`,
    filter.view === 'spam' ? sql<boolean>`c.is_spam` : sql<boolean>`not c.is_spam`,
    // What moderation hid (every customer mention of it) is out of the inbox (migration 0005).
    eb('c.hidden_at', 'is', null),
  ];
  if (filter.view === 'mine') all.push(eb('c.assignee_id', '=', filter.userId));
  if (filter.view === 'unassigned') all.push(eb('c.assignee_id', 'is', null));
  if (filter.view === 'needs_reply') all.push(eb('c.needs_reply', '=', true));
  // Praise is what a customer's message does, not the conversation's latest mood: a complaint
  // stays out after the customer's polite survey answer. Mentions triaged before socialIntent
  // existed count by their own sentiment.
  if (filter.view === 'praise')
    all.push(
      anyMention(
        eb,
        sql<boolean>`not m.from_brand and coalesce(${shownTriageLabel('socialIntent')} = 'praise', ${shownTriageLabel('sentiment')} = 'positive')`,
      ),
    );
  if (filter.view === 'sla_at_risk')
    all.push(eb('c.due_at', '<=', new Date(filter.now.getTime() + slaAtRiskWindowMs)));
  if (filter.view === 'my_teams')
    all.push(
      eb(
        'c.team_id',
        'in',
        eb
          .selectFrom('team_members as tm')
          .select('tm.team_id')
          .where('tm.user_id', '=', filter.userId),
      ),
    );
  if (filter.ids)
    all.push(filter.ids.length > 0 ? eb('c.id', 'in', filter.ids) : sql<boolean>`false`);
  if (filter.brandId) all.push(eb('c.brand_id', '=', filter.brandId));
  if (filter.network) all.push(eb('c.network', '=', filter.network));
  if (filter.teamId) all.push(eb('c.team_id', '=', filter.teamId));
  if (filter.sentiment) all.push(eb('c.sentiment', '=', filter.sentiment));
  if (filter.minPriority !== undefined) all.push(eb('c.priority', '>=', filter.minPriority));
  if (filter.ratings && filter.ratings.length > 0)
    all.push(sql<boolean>`${latestRating} in (${sql.join(filter.ratings)})`);
  if (filter.maxRating !== undefined)
    all.push(sql<boolean>`${latestRating} <= ${filter.maxRating}`);
  if (filter.tag) all.push(sql<boolean>`${filter.tag} = any(c.tags)`);
  if (filter.openedFrom) all.push(eb('c.created_at', '>=', filter.openedFrom));
  if (filter.openedTo) all.push(eb('c.created_at', '<', filter.openedTo));
  if (filter.language) all.push(anyMention(eb, sql<boolean>`m.language = ${filter.language}`));
  if (filter.intent)
    all.push(anyMention(eb, sql<boolean>`m.triage ->> 'intent' = ${filter.intent}`));
  if (filter.socialIntent)
    all.push(
      anyMention(
        eb,
        sql<boolean>`not m.from_brand and ${shownTriageLabel('socialIntent')} = ${filter.socialIntent}`,
      ),
    );
  if (filter.query)
    all.push(
      anyMention(eb, sql<boolean>`m.search @@ websearch_to_tsquery('simple', ${filter.query})`),
    );
  return eb.and(all);
}
