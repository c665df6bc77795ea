import type { Kysely } from 'kysely';
import type { Conversation } from '../../domain/conversation.ts';
import type { DomainEvent } from '../../domain/events.ts';
import { routeConversation } from '../../domain/routing.ts';
import { applyRouting } from '../../domain/routing-apply.ts';
import { chooseAssignee, withAssignment } from '../../domain/routing-assignee.ts';
import {
  loadAgentLoads,
  recordAutoAssignments,
} from '../../store/routing/assignment.repository.ts';
import { getCategoryTeams } from '../../store/routing/routing-categories.repository.ts';
import {
  findTeamNames,
  saveRoutingDecisions,
} from '../../store/routing/routing-decisions.repository.ts';
import type { RoutedRow } from '../../store/routing/routing-decisions.repository.ts';
import { listRoutingRules } from '../../store/routing/routing-rules.repository.ts';
import type { Database, NewConversationRow } from '../../store/schema.ts';
import { routingFacts } from './route-facts.ts';
import type { AutoReply } from './route-auto-reply.ts';

/** The parts of a stored mention routing reads (ingest's rows fit as they are). */
interface RoutableMention {
  id: string;
  conversation_id: string;
  text: string;
  language: string | null;
  author_followers: number | null;
  from_brand: boolean;
  /** The triage details as stored (JSON text), or null when nothing labelled it. */
  triage: string | null;
}

function asConversation(row: NewConversationRow, now: Date): Conversation {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    status: row.status,
    priority: row.priority ?? 0,
    teamId: null,
    assigneeId: null,
    tags: [],
    needsReply: row.needs_reply,
    firstRespondedAt: null,
    snoozedUntil: null,
    resolvedAt: null,
    lastMessageAt: new Date(row.last_message_at),
    updatedAt: now,
  };
}

/**
 * Routes the new conversations of an ingest batch once, inside its transaction: the workspace's
 * rules and category map are loaded once, each conversation gets its team, priority, tags and
 * (round robin, within the team) an agent, and the events are returned for ingest to append with
 * its own, with the rules' automatic replies for the next after-intake step to queue. A workspace
 * without routing costs two reads.
 */
export async function routeNewConversations(
  db: Kysely<Database>,
  workspaceId: string,
  conversations: readonly NewConversationRow[],
  mentions: readonly RoutableMention[],
  now: Date,
): Promise<{ events: DomainEvent[]; autoReplies: AutoReply[] }> {
  // A blocked contact's conversation arrives resolved: nobody should be given it. (One the
  // brand already answered within the batch is open, and is routed like any other.)
  const fresh = conversations.filter((c) => c.status !== 'resolved');
  const nothing = { events: [], autoReplies: [] };
  if (fresh.length === 0) return nothing;
  const rules = await listRoutingRules(db, workspaceId);
  const categoryTeams = await getCategoryTeams(db, workspaceId);
  if (rules.length === 0 && Object.keys(categoryTeams).length === 0) return nothing;
  const teamNames = await findTeamNames(db, workspaceId);

  const firstMention = new Map<string, RoutableMention>();
  for (const mention of mentions) {
    const seen = firstMention.get(mention.conversation_id);
    if (!seen || (seen.from_brand && !mention.from_brand))
      firstMention.set(mention.conversation_id, mention);
  }
  const decided = fresh.flatMap((row) => {
    const mention = firstMention.get(row.id);
    if (!mention) return [];
    const facts = routingFacts({
      brandId: row.brand_id,
      network: row.network,
      text: mention.text,
      language: mention.language,
      sentiment: row.sentiment ?? null,
      priority: row.priority ?? 0,
      authorFollowers: mention.author_followers,
      details: (mention.triage ? JSON.parse(mention.triage) : {}) as Record<string, unknown>,
    });
    const decision = routeConversation(rules, facts, categoryTeams, teamNames);
    // A rule may outlive the team it names: the conversation then waits, and intake goes on.
    if (decision.teamId && !(decision.teamId in teamNames)) {
      const by = rules.find((rule) => rule.id === decision.ruleId);
      const reason = `${by ? `rule '${by.name}'` : `category ${facts.category}`} names a team that no longer exists; waiting in the shared inbox`;
      return [{ row, mention, decision: { ...decision, teamId: null, skills: [], reason } }];
    }
    return [{ row, mention, decision }];
  });

  const teamIds = [...new Set(decided.flatMap(({ decision }) => decision.teamId ?? []))];
  let agents = await loadAgentLoads(db, workspaceId, teamIds);
  const lastAssigned = new Map<string, Date>();
  let picks = 0;
  const routed: RoutedRow[] = [];
  const replies: AutoReply[] = [];
  const events: DomainEvent[] = [];
  for (const { row, mention, decision } of decided) {
    let assigneeId: string | null = null;
    // Spam and abuse (nothing to answer) never take an agent's slot.
    if (row.needs_reply) {
      const choice = chooseAssignee(agents, decision.teamId, decision.skills);
      if (choice.ok) {
        assigneeId = choice.userId;
        // Round robin's order within one batch: a millisecond apart, in the order given.
        const at = new Date(now.getTime() + picks++);
        agents = withAssignment(agents, assigneeId, at);
        lastAssigned.set(assigneeId, at);
      }
    }
    const result = applyRouting(
      asConversation(row, now),
      decision,
      assigneeId,
      { type: 'system' },
      now,
    );
    routed.push({
      conversation: result.conversation,
      ruleId: decision.ruleId,
      reason: decision.reason,
    });
    events.push(...result.events);
    if (decision.autoReply && decision.ruleId && row.needs_reply) {
      replies.push({
        conversationId: row.id,
        mentionId: mention.id,
        network: row.network,
        isPrivate: row.is_private,
        ruleId: decision.ruleId,
        text: decision.autoReply,
      });
    }
  }
  await saveRoutingDecisions(db, workspaceId, routed, now);
  await recordAutoAssignments(db, workspaceId, lastAssigned);
  return { events, autoReplies: replies };
}
