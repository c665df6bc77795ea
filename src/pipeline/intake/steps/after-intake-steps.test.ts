import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../../test/helpers/database.ts';
import { makeMention, seedWorkspace } from '../../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../../test/helpers/seed.ts';
import type { Mention } from '../../../domain/mention.ts';
import { createBrand } from '../../../store/brands.repository.ts';
import { insertSurvey } from '../../../store/csat.repository.ts';
import { createRoutingRule } from '../../../store/routing/routing-rules.repository.ts';
import { saveTeamHours } from '../../../store/sla/business-hours.repository.ts';
import { createSlaPolicy } from '../../../store/sla/sla-policies.repository.ts';
import { createTeam } from '../../../store/teams.repository.ts';
import { ingestMentions, prepareIntake } from '../ingest.ts';
import type { AfterIntakeContext } from './after-intake-step.ts';
import { afterIntakeSteps } from './after-intake-steps.ts';
import { autoReplyStep } from './auto-reply.step.ts';
import { conversationMovesStep } from './conversation-moves.step.ts';
import { csatAnswerStep } from './csat-answer.step.ts';
import { outOfHoursStep } from './out-of-hours.step.ts';
import { routingStep } from './routing.step.ts';
import { slaClockStep } from './sla-clock.step.ts';

let database: TestDatabase;
const now = new Date('2026-11-27T17:30:00Z'); // a Friday, 17:30 in London

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const batch = (seeded: SeededWorkspace, mentions: Mention[]) => ({
  workspaceId: seeded.workspaceId,
  brandId: seeded.brandId,
  channelAccountId: seeded.channelAccountId,
  mentions,
});

/** Loads, plans and saves a batch's rows, and hands back the context the steps would get. */
async function prepared(seeded: SeededWorkspace, mentions: Mention[]): Promise<AfterIntakeContext> {
  const db = database.store.db;
  const { planned } = await prepareIntake(db, batch(seeded, mentions), now);
  if (!planned) throw new Error('nothing was planned');
  return { db, workspaceId: seeded.workspaceId, now, ...planned, autoReplies: [], events: [] };
}

async function conversation(id: string) {
  return database.store.db
    .selectFrom('conversations')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

const everyone = { name: 'Everyone', teamId: null, minPriority: null, maxPriority: null };
const firstResponseInAnHour = { firstResponseMinutes: 60, warnBeforeMinutes: 0 };
const noEscalation = { notify: true, reassign: null, raisePriorityBy: 0 };
const openedId = (context: AfterIntakeContext) => context.plan.conversations[0]!.conversation.id;

describe('after-intake steps', () => {
  it('run survey answers, routing and auto-reply, conversation moves, then the SLA steps', () => {
    expect(afterIntakeSteps.map((step) => step.name)).toEqual([
      'csat answer',
      'routing',
      'auto-reply',
      'conversation moves',
      'sla clock',
      'out-of-hours acknowledgement',
    ]);
  });

  it("csat answer: records a customer's rating of a waiting survey, with its event", async () => {
    const seeded = await seedWorkspace(database.store.db, 'Csat step');
    const post = makeMention({ externalId: 'csat-1' });
    await ingestMentions(database.store.db, batch(seeded, [post]), now);
    const { conversation_id: conversationId } = await database.store.db
      .selectFrom('mentions')
      .select('conversation_id')
      .where('external_id', '=', 'csat-1')
      .executeTakeFirstOrThrow();
    await insertSurvey(database.store.db, {
      workspaceId: seeded.workspaceId,
      conversationId,
      resolvedAt: now,
      now,
    });
    const answer = makeMention({ externalId: 'csat-2', rootExternalId: 'csat-1', text: '4' });
    const context = await prepared(seeded, [answer]);
    await csatAnswerStep.run(context);
    const survey = await database.store.db
      .selectFrom('csat_surveys')
      .select(['status', 'score'])
      .where('conversation_id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(survey).toEqual({ status: 'answered', score: 4 });
    const events = await database.store.db
      .selectFrom('events')
      .select('type')
      .where('conversation_id', '=', conversationId)
      .where('type', '=', 'csat.received')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('routing: gives a new conversation its team and leaves the rule’s automatic reply to queue', async () => {
    const seeded = await seedWorkspace(database.store.db, 'Routing step');
    const team = await createTeam(database.store.db, seeded.workspaceId, 'Care');
    const rule = await createRoutingRule(
      database.store.db,
      seeded.workspaceId,
      { name: 'all', enabled: true, when: [], then: { teamId: team.id, autoReply: 'On it!' } },
      now,
    );
    const context = await prepared(seeded, [makeMention({ externalId: 'route-1' })]);
    await routingStep.run(context);
    expect((await conversation(openedId(context))).team_id).toBe(team.id);
    expect(context.autoReplies).toEqual([
      expect.objectContaining({
        conversationId: openedId(context),
        ruleId: rule.id,
        text: 'On it!',
      }),
    ]);
    expect(context.events.length).toBeGreaterThan(0);
  });

  it('auto-reply: queues each automatic reply once, however often it runs', async () => {
    const seeded = await seedWorkspace(database.store.db, 'Auto-reply step');
    const context = await prepared(seeded, [makeMention({ externalId: 'auto-1' })]);
    const reply = {
      conversationId: openedId(context),
      mentionId: context.plan.mentions[0]!.id,
      network: 'bluesky',
      isPrivate: false,
      ruleId: 'rule-1',
      text: 'Thanks, we are looking into it.',
    };
    context.autoReplies.push(reply);
    await autoReplyStep.run(context);
    await autoReplyStep.run(context);
    const replies = await database.store.db
      .selectFrom('replies')
      .select(['text', 'status'])
      .where('conversation_id', '=', reply.conversationId)
      .execute();
    expect(replies).toEqual([{ text: reply.text, status: 'queued' }]);
    expect(context.events.map((event) => event.type)).toEqual(['reply.queued']);
  });

  it('conversation moves: writes what the batch did to a stored conversation', async () => {
    const seeded = await seedWorkspace(database.store.db, 'Moves step');
    await ingestMentions(
      database.store.db,
      batch(seeded, [makeMention({ externalId: 'move-1' })]),
      now,
    );
    const reply = makeMention({ externalId: 'move-2', parentExternalId: 'move-1' });
    const context = await prepared(seeded, [reply]);
    const [touched] = context.plan.touched;
    expect((await conversation(touched!.conversation.id)).mention_count).toBe(1);
    await conversationMovesStep.run(context);
    expect((await conversation(touched!.conversation.id)).mention_count).toBe(2);
  });

  it('sla clock: starts the first-response clock of a new conversation', async () => {
    const seeded = await seedWorkspace(database.store.db, 'Clock step');
    await createSlaPolicy(
      database.store.db,
      seeded.workspaceId,
      {
        ...everyone,
        ...firstResponseInAnHour,
        nextResponseMinutes: null,
        resolutionMinutes: null,
        escalation: noEscalation,
      },
      now,
    );
    const context = await prepared(seeded, [makeMention({ externalId: 'clock-1' })]);
    expect((await conversation(openedId(context))).first_response_due_at).toBeNull();
    await slaClockStep.run(context);
    expect((await conversation(openedId(context))).first_response_due_at).toBeInstanceOf(Date);
  });

  it('out-of-hours acknowledgement: tells the customer of a closed team when a person answers', async () => {
    const seeded = await seedWorkspace(database.store.db, 'Hours step');
    const team = await createTeam(database.store.db, seeded.workspaceId, 'Night');
    await saveTeamHours(
      database.store.db,
      seeded.workspaceId,
      team.id,
      {
        alwaysOpen: false,
        timeZone: 'Europe/London',
        week: { monday: [{ start: '09:00', end: '17:00' }] },
        holidays: [],
        acknowledgement: 'Thanks! {{teamName}} answers {{opensAt}}.',
        followTheSunGroup: null,
      },
      now,
    );
    const context = await prepared(seeded, [makeMention({ externalId: 'hours-1' })]);
    await database.store.db
      .updateTable('conversations')
      .set({ team_id: team.id })
      .where('id', '=', openedId(context))
      .execute();
    await outOfHoursStep.run(context);
    const replies = await database.store.db
      .selectFrom('replies')
      .select(['idempotency_key', 'status'])
      .where('conversation_id', '=', openedId(context))
      .execute();
    expect(replies).toEqual([
      { idempotency_key: `sla-ack:${openedId(context)}`, status: 'queued' },
    ]);
  });

  it("a competitor's batch: stored, but not routed, auto-answered or put on an SLA clock", async () => {
    const db = database.store.db;
    const seeded = await seedWorkspace(db, 'Competitor steps');
    const team = await createTeam(db, seeded.workspaceId, 'Care');
    await createRoutingRule(
      db,
      seeded.workspaceId,
      { name: 'all', enabled: true, when: [], then: { teamId: team.id, autoReply: 'On it!' } },
      now,
    );
    await createSlaPolicy(
      db,
      seeded.workspaceId,
      {
        ...everyone,
        ...firstResponseInAnHour,
        nextResponseMinutes: null,
        resolutionMinutes: null,
        escalation: noEscalation,
      },
      now,
    );
    const rival = await createBrand(db, seeded.workspaceId, {
      name: 'Rival',
      handles: [],
      keywords: ['rival'],
      isCompetitor: true,
    });
    // No isCompetitor given (as an import gives its batches): intake looks the brand up.
    const summary = await ingestMentions(
      db,
      { ...batch(seeded, [makeMention({ externalId: 'rival-1' })]), brandId: rival.id },
      now,
    );
    expect(summary.stored).toBe(1);
    const stored = await db
      .selectFrom('conversations as c')
      .innerJoin('mentions as m', 'm.conversation_id', 'c.id')
      .select(['c.id', 'c.brand_id', 'c.team_id', 'c.first_response_due_at'])
      .where('m.external_id', '=', 'rival-1')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      brand_id: rival.id,
      team_id: null,
      first_response_due_at: null,
    });
    const replies = await db
      .selectFrom('replies')
      .select('id')
      .where('conversation_id', '=', stored.id)
      .execute();
    expect(replies).toEqual([]);
  });
});
