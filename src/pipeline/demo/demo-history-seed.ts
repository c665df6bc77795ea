import type { Kysely } from 'kysely';
import { recordReplySent, setStatus } from '../../domain/conversation.ts';
import type { Conversation } from '../../domain/conversation.ts';
import type { DomainEvent } from '../../domain/events.ts';
import type { Mention } from '../../domain/mention.ts';
import type { Network } from '../../domain/network.ts';
import { saveIngestedConversations, toConversation } from '../../store/conversations.repository.ts';
import {
  findConversationsOfMentions,
  insertAnsweredSurveys,
  insertSentReplies,
} from '../../store/demo/demo-history.repository.ts';
import type { AnsweredSurveyRow, SentReplyRow } from '../../store/demo/demo-history.repository.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { newId } from '../../store/ids.ts';
import type { Database } from '../../store/schema.ts';
import { ingestMentions } from '../intake/ingest.ts';
import type { Assess } from '../intake/ingest.ts';
import { refreshSlaClocks } from '../sla/sla-clock.ts';
import { generateDemoHistory } from './demo-history.ts';
import type { HistoryPost } from './demo-history.ts';

interface HistoryTarget {
  workspaceId: string;
  brandId: string;
  competitorId: string;
  /** Simulated channel accounts by brand id, then network. */
  accounts: (brandId: string, network: Network) => Promise<string>;
  /** Who answers a conversation of this team when routing left it unassigned. */
  agentsOfTeam: ReadonlyMap<string, readonly string[]>;
  anyAgent: readonly string[];
  /** Who reads (and resolves) what is heard about the competitor. */
  reader: string;
}

const minuteMs = 60_000;

/**
 * Plays the generated history (demo-history.ts) into the demo workspace a day at a time, oldest
 * first: each day's posts on our brand of one network arrive as one batch through the real intake
 * (triage, contacts, routing, SLA clock), received a minute after the batch's last post; then
 * the care team's answers and resolutions are the domain's own transitions, written in bulk,
 * and the survey ratings with them. One batch per post would be truer to the clock but takes
 * minutes on PGlite: a conversation's SLA clock runs from its batch's arrival. Every history conversation ends resolved, so the inbox's
 * open views hold only the live demo. Returns how many posts it played.
 */
export async function seedDemoHistory(
  db: Kysely<Database>,
  target: HistoryTarget,
  now: Date,
  assess: Assess | undefined,
): Promise<{ posts: number; replies: number; surveys: number }> {
  const totals = { posts: 0, replies: 0, surveys: 0 };
  const days = generateDemoHistory(now);
  for (const [index, day] of days.entries()) {
    totals.posts += day.length;
    const own = day.filter((post) => !post.competitor);
    for (const posts of byNetwork(own).values())
      await ingest(db, target, target.brandId, posts, assess);
    const done = await careFor(db, target, own);
    totals.replies += done.replies;
    totals.surveys += done.surveys;
    // The customers who wrote back to our answers, in the same threads, and our next answers.
    const followUps = own.flatMap((post) => (post.followUp ? [post.followUp] : []));
    if (followUps.length > 0) {
      totals.posts += followUps.length;
      for (const posts of byNetwork(followUps).values())
        await ingest(db, target, target.brandId, posts, assess);
      const next = await careFor(db, target, followUps);
      totals.replies += next.replies;
      totals.surveys += next.surveys;
    }
    // The competitor's posts are only heard (no routing, clock or answer): a week per batch.
    if (index % 7 === 6 || index === days.length - 1) {
      const week = days.slice(index - (index % 7), index + 1).flat();
      const theirs = week.filter((post) => post.competitor);
      for (const posts of byNetwork(theirs).values())
        await ingest(db, target, target.competitorId, posts, assess);
      await markRead(db, target, theirs);
    }
  }
  return totals;
}

/** One network's posts of one brand as a batch, received a minute after the last of them. */
async function ingest(
  db: Kysely<Database>,
  target: HistoryTarget,
  brandId: string,
  posts: readonly HistoryPost[],
  assess: Assess | undefined,
): Promise<void> {
  const network = posts[0]!.network;
  await ingestMentions(
    db,
    {
      workspaceId: target.workspaceId,
      brandId,
      isCompetitor: brandId === target.competitorId,
      channelAccountId: await target.accounts(brandId, network),
      mentions: posts.map(toMention),
    },
    new Date(posts.at(-1)!.postedAt.getTime() + minuteMs),
    assess,
  );
}

/** Posts by network, each list in time order. */
function byNetwork(posts: readonly HistoryPost[]): Map<Network, HistoryPost[]> {
  const lists = new Map<Network, HistoryPost[]>();
  for (const post of posts) lists.set(post.network, [...(lists.get(post.network) ?? []), post]);
  return lists;
}

function toMention(post: HistoryPost): Mention {
  return {
    network: post.network,
    externalId: `demo-${post.key}`,
    text: post.text,
    author: {
      externalId: `demo-user-${post.author.handle}`,
      handle: post.author.handle,
      displayName: post.author.name,
      followers: post.author.followers,
    },
    postedAt: post.postedAt,
    ...(post.replyToKey
      ? {
          parentExternalId: `demo-${post.replyToKey}`,
          rootExternalId: `demo-${post.replyToKey}`,
        }
      : {}),
    isPrivate: false,
    fromBrand: false,
    engagement: { likes: 0, reposts: 0 },
    raw: { demo: true, history: post.key },
  };
}

/** The answers, resolutions and ratings of one day's conversations, written in bulk. */
async function careFor(
  db: Kysely<Database>,
  target: HistoryTarget,
  posts: readonly HistoryPost[],
): Promise<{ replies: number; surveys: number }> {
  const { workspaceId } = target;
  const byKey = new Map(posts.map((post) => [`demo-${post.key}`, post]));
  const rows = await findConversationsOfMentions(db, workspaceId, [...byKey.keys()]);
  const replies: SentReplyRow[] = [];
  const surveys: AnsweredSurveyRow[] = [];
  const events: DomainEvent[] = [];
  const changed: Conversation[] = [];
  for (const row of rows) {
    const care = byKey.get(row.mention_external_id)?.care;
    if (!care || row.status === 'resolved') continue;
    let conversation = toConversation(row);
    const agentId =
      row.assignee_id ??
      pickAgent(
        target.agentsOfTeam.get(row.team_id ?? '') ?? target.anyAgent,
        row.mention_external_id,
      );
    const actor = { type: 'user' as const, id: agentId };
    if (care.reply) {
      const replyId = newId();
      replies.push({
        id: replyId,
        workspaceId,
        conversationId: row.id,
        inReplyToMentionId: row.mention_id,
        authorId: agentId,
        network: row.network,
        text: care.reply.text,
        idempotencyKey: `${workspaceId}:demo-history:${row.mention_external_id}`,
        sentAt: care.reply.at,
      });
      events.push({
        type: 'reply.queued',
        actor,
        conversationId: row.id,
        data: { replyId },
        occurredAt: care.reply.at,
      });
      const sent = recordReplySent(
        conversation,
        { id: replyId, sentAt: care.reply.at },
        actor,
        care.reply.at,
      );
      if (sent.ok) {
        conversation = sent.conversation;
        events.push(...sent.events);
      }
    }
    // A post the customer follows up on stays open for the follow-up (seeded next).
    const post = byKey.get(row.mention_external_id)!;
    if (!post.followUp) {
      const resolved = setStatus(conversation, 'resolved', actor, care.resolvedAt);
      if (!resolved.ok) continue;
      conversation = resolved.conversation;
      events.push(...resolved.events);
    }
    changed.push(conversation);
    if (care.csat) {
      const surveyId = newId();
      surveys.push({
        id: surveyId,
        workspaceId,
        conversationId: row.id,
        resolvedAt: care.resolvedAt,
        score: care.csat.score,
        answeredAt: care.csat.at,
      });
      events.push({
        type: 'csat.received',
        actor: { type: 'customer', id: row.contact_id },
        conversationId: row.id,
        data: { surveyId, score: care.csat.score },
        occurredAt: care.csat.at,
      });
    }
  }
  if (changed.length === 0) return { replies: 0, surveys: 0 };
  const latest = new Date(Math.max(...changed.map((c) => c.updatedAt.getTime())));
  await insertSentReplies(db, replies);
  await saveIngestedConversations(
    db,
    workspaceId,
    changed.map((conversation) => ({ conversation, added: 0, sentiment: null })),
    latest,
  );
  await appendEvents(db, workspaceId, events);
  await insertAnsweredSurveys(db, surveys);
  await refreshSlaClocks(
    db,
    workspaceId,
    changed.map((conversation) => conversation.id),
    latest,
  );
  return { replies: replies.length, surveys: surveys.length };
}

/**
 * The lead reads the week's competitor posts half an hour after they arrive and resolves them,
 * so the heard conversations leave the inbox as a care team's would.
 */
async function markRead(
  db: Kysely<Database>,
  target: HistoryTarget,
  posts: readonly HistoryPost[],
): Promise<void> {
  const { workspaceId } = target;
  const keys = posts.map((post) => `demo-${post.key}`);
  const rows = await findConversationsOfMentions(db, workspaceId, keys);
  const at = new Date(Math.max(...posts.map((post) => post.postedAt.getTime())) + 31 * minuteMs);
  const actor = { type: 'user' as const, id: target.reader };
  const resolved = rows
    .filter((row) => row.status !== 'resolved')
    .map((row) => setStatus(toConversation(row), 'resolved', actor, at))
    .filter((transition) => transition.ok);
  await saveIngestedConversations(
    db,
    workspaceId,
    resolved.map(({ conversation }) => ({ conversation, added: 0, sentiment: null })),
    at,
  );
  await appendEvents(
    db,
    workspaceId,
    resolved.flatMap((transition) => transition.events),
  );
}

/** One of the team's agents, the same one for the same post on every run. */
function pickAgent(agents: readonly string[], key: string): string {
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return agents[hash % agents.length]!;
}
