import type { Kysely } from 'kysely';
import { nextAnswerAt, renderAcknowledgement } from '../../domain/business-hours.ts';
import type { TeamHours } from '../../domain/business-hours.ts';
import type { DomainEvent } from '../../domain/events.ts';
import { systemActor } from '../../domain/events.ts';
import { hoursOf, listWorkspaceTeamHours } from '../../store/sla/business-hours.repository.ts';
import { notifyChanges } from '../../store/changes.ts';
import type { ChangeNotice } from '../../store/changes.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { findLatestCustomerMention } from '../../store/mentions.repository.ts';
import { insertReply } from '../../store/replies.repository.ts';
import type { Database, ReplyRow } from '../../store/schema.ts';
import { findConversationsForAcknowledgement } from '../../store/sla/sla-clock.repository.ts';

const acknowledgementKeyPrefix = 'sla-ack:';

/** An out-of-hours acknowledgement is not an answer: it does not stop the SLA clock. */
export function isAcknowledgement(reply: Pick<ReplyRow, 'idempotency_key'>): boolean {
  return reply.idempotency_key.startsWith(acknowledgementKeyPrefix);
}

/**
 * For each new conversation whose team (and follow-the-sun group) is closed, an acknowledgement
 * queued in the outbox that says when a person will answer — once per conversation (its
 * idempotency key). An after-intake step, once the conversations have their team.
 */
export async function acknowledgeOutOfHours(
  db: Kysely<Database>,
  workspaceId: string,
  conversationIds: readonly string[],
  now: Date,
): Promise<void> {
  const teams = await listWorkspaceTeamHours(db, workspaceId);
  if (!teams.some((team) => team.settings.acknowledgement)) return;
  const all: TeamHours[] = teams.map((t) => ({
    teamId: t.teamId,
    hours: hoursOf(t.settings),
    group: t.settings.followTheSunGroup,
  }));
  const events: DomainEvent[] = [];
  const notices: ChangeNotice[] = [];
  for (const conversation of await findConversationsForAcknowledgement(
    db,
    workspaceId,
    conversationIds,
  )) {
    const index = teams.findIndex((t) => t.teamId === conversation.team_id);
    const team = teams[index];
    if (!team?.settings.acknowledgement) continue;
    const answerAt = nextAnswerAt(all[index]!, all, now);
    if (!answerAt) continue;
    const answered = await findLatestCustomerMention(db, workspaceId, conversation.id);
    const reply = await insertReply(db, {
      workspaceId,
      conversationId: conversation.id,
      inReplyToMentionId: answered?.id ?? null,
      authorId: null,
      network: conversation.network,
      text: renderAcknowledgement(team.settings.acknowledgement, {
        opensAt: answerAt,
        timeZone: team.settings.timeZone,
        teamName: team.teamName,
      }),
      visibility: conversation.is_private ? 'private' : 'public',
      status: 'queued',
      idempotencyKey: `${acknowledgementKeyPrefix}${conversation.id}`,
      now,
    });
    if (!reply) continue;
    events.push({
      type: 'reply.queued',
      actor: systemActor,
      conversationId: conversation.id,
      data: { replyId: reply.id, acknowledgement: true, answerAt: answerAt.toISOString() },
      occurredAt: now,
    });
    notices.push({
      type: 'reply.updated',
      workspaceId,
      conversationId: conversation.id,
      replyId: reply.id,
    });
  }
  await appendEvents(db, workspaceId, events);
  await notifyChanges(db, notices);
}
