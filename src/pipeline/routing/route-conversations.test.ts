import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { makeMention, seedUser, seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { loadTriageModels } from '../../triage/models.ts';
import { setAgentRouting, setAvailability } from '../../store/routing/assignment.repository.ts';
import { replaceCategoryTeams } from '../../store/routing/routing-categories.repository.ts';
import { createRoutingRule } from '../../store/routing/routing-rules.repository.ts';
import { addTeamMember, createTeam } from '../../store/teams.repository.ts';
import { upsertMembership } from '../../store/workspaces.repository.ts';
import { createTriageAssess } from '../intake/assess.ts';
import { ingestMentions } from '../intake/ingest.ts';
import type { Mention } from '../../domain/mention.ts';

let database: TestDatabase;
const now = new Date('2026-11-23T12:00:00Z');
const assess = createTriageAssess(loadTriageModels());

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

async function workspaceWithTeams() {
  const db = database.store.db;
  const seeded = await seedWorkspace(db, 'Routing');
  const billing = await createTeam(db, seeded.workspaceId, 'Billing');
  const care = await createTeam(db, seeded.workspaceId, 'Care');
  return { seeded, billing, care };
}

async function ingest(seeded: SeededWorkspace, mentions: Mention[]) {
  return ingestMentions(
    database.store.db,
    {
      workspaceId: seeded.workspaceId,
      brandId: seeded.brandId,
      channelAccountId: seeded.channelAccountId,
      mentions,
    },
    now,
    assess,
  );
}

async function conversationOf(mention: Mention) {
  return database.store.db
    .selectFrom('mentions')
    .innerJoin('conversations', 'conversations.id', 'mentions.conversation_id')
    .select([
      'conversations.id',
      'conversations.team_id',
      'conversations.assignee_id',
      'conversations.status',
      'conversations.tags',
      'conversations.priority',
      'conversations.routing_rule_id',
      'conversations.routing_reason',
    ])
    .where('mentions.external_id', '=', mention.externalId)
    .executeTakeFirstOrThrow();
}

describe('routing at intake', () => {
  it('routes a refund complaint to Billing on first touch, with the rule, the reason and an event', async () => {
    const { seeded, billing, care } = await workspaceWithTeams();
    const db = database.store.db;
    await createRoutingRule(
      db,
      seeded.workspaceId,
      {
        name: 'refunds',
        enabled: true,
        when: [
          { field: 'keywords', any: ['refund'] },
          { field: 'complaint', is: true },
        ],
        then: { teamId: billing.id, tags: ['refund'], priority: 80 },
      },
      now,
    );
    await replaceCategoryTeams(db, seeded.workspaceId, { FEEDBACK: care.id });
    const mention = makeMention({
      text: 'I was charged twice for my flight and want a refund now. Terrible service!',
    });
    await ingest(seeded, [mention]);
    const routed = await conversationOf(mention);
    expect(routed).toMatchObject({
      team_id: billing.id,
      tags: ['refund'],
      priority: 80,
      routing_reason: "routed to Billing by rule 'refunds'",
    });
    expect(routed.routing_rule_id).not.toBeNull();
    const events = await db
      .selectFrom('events')
      .select(['type', 'data'])
      .where('conversation_id', '=', routed.id)
      .orderBy('id')
      .execute();
    expect(events.map((event) => event.type)).toEqual([
      'conversation.created',
      'conversation.routed',
      'conversation.team_changed',
      'conversation.priority_changed',
      'conversation.tagged',
    ]);
    expect(events.find((event) => event.type === 'conversation.routed')!.data).toMatchObject({
      ruleId: routed.routing_rule_id,
      teamId: billing.id,
      assigneeId: null,
    });
  });

  it('falls back to the category map, and gives agents of the team turns, skipping the away and the full', async () => {
    const { seeded, care } = await workspaceWithTeams();
    const db = database.store.db;
    await replaceCategoryTeams(db, seeded.workspaceId, { SOCIAL: care.id });
    const ws = seeded.workspaceId;
    const [ana, ben, cy, dee] = [
      await seedUser(db, 'Ana'),
      await seedUser(db, 'Ben'),
      await seedUser(db, 'Cy'),
      await seedUser(db, 'Dee'),
    ];
    for (const user of [ana, ben, cy, dee]) {
      await upsertMembership(db, { workspaceId: ws, userId: user.id, role: 'agent' });
      await addTeamMember(db, care.id, user.id);
    }
    await setAvailability(db, ws, cy.id, false);
    await setAgentRouting(db, ws, dee.id, { maxOpen: 0 });
    const mentions = [1, 2, 3, 4, 5].map((n) =>
      makeMention({
        text: `thanks for the lovely flight crew today, number ${n}!`,
        postedAt: new Date(now.getTime() - (10 - n) * 60_000),
      }),
    );
    await ingest(seeded, mentions);
    const assignees = [];
    for (const mention of mentions) {
      const row = await conversationOf(mention);
      expect(row).toMatchObject({ team_id: care.id, status: 'open', routing_rule_id: null });
      expect(row.routing_reason).toBe('routed to Care by its category SOCIAL');
      assignees.push(row.assignee_id);
    }
    const pair = [ana.id, ben.id].sort();
    expect(assignees).toEqual([...pair, ...pair, pair[0]]);
    // The next batch goes on where this one stopped.
    const next = makeMention({ text: 'thanks again, great crew on my flight!' });
    await ingest(seeded, [next]);
    expect((await conversationOf(next)).assignee_id).toBe(pair[1]);
  });

  it('leaves the conversation in its team, unassigned, when nobody is available', async () => {
    const { seeded, billing } = await workspaceWithTeams();
    const db = database.store.db;
    await addTeamMember(db, billing.id, seeded.users.agent.id);
    await setAvailability(db, seeded.workspaceId, seeded.users.agent.id, false);
    await createRoutingRule(
      db,
      seeded.workspaceId,
      { name: 'everything', enabled: true, when: [], then: { teamId: billing.id } },
      now,
    );
    const mention = makeMention({ text: 'hello there, a question about my booking' });
    await ingest(seeded, [mention]);
    expect(await conversationOf(mention)).toMatchObject({
      team_id: billing.id,
      assignee_id: null,
      status: 'new',
    });
  });

  it("queues a rule's automatic reply once, however often the batch arrives", async () => {
    const { seeded, care } = await workspaceWithTeams();
    const db = database.store.db;
    await createRoutingRule(
      db,
      seeded.workspaceId,
      {
        name: 'bags',
        enabled: true,
        when: [{ field: 'keywords', any: ['bag'] }],
        then: { teamId: care.id, autoReply: 'Sorry about your bag! Our baggage team is on it.' },
      },
      now,
    );
    const mention = makeMention({ text: 'my bag never arrived in Oslo' });
    await ingest(seeded, [mention]);
    await ingest(seeded, [mention]);
    const { id } = await conversationOf(mention);
    const replies = await db
      .selectFrom('replies')
      .select(['text', 'status', 'author_id', 'visibility', 'in_reply_to_mention_id'])
      .where('conversation_id', '=', id)
      .execute();
    expect(replies).toEqual([
      {
        text: 'Sorry about your bag! Our baggage team is on it.',
        status: 'queued',
        author_id: null,
        visibility: 'public',
        in_reply_to_mention_id: expect.any(String),
      },
    ]);
  });

  it('evaluates rules in order, and skips disabled ones', async () => {
    const { seeded, billing, care } = await workspaceWithTeams();
    const db = database.store.db;
    const rule = (name: string, teamId: string, enabled = true) =>
      createRoutingRule(
        db,
        seeded.workspaceId,
        { name, enabled, when: [{ field: 'keywords', any: ['flight'] }], then: { teamId } },
        now,
      );
    await rule('off', billing.id, false);
    await rule('first', care.id);
    await rule('second', billing.id);
    const mention = makeMention({ text: 'question about my flight tomorrow' });
    await ingest(seeded, [mention]);
    expect(await conversationOf(mention)).toMatchObject({
      team_id: care.id,
      routing_reason: "routed to Care by rule 'first'",
    });
  });

  it('lets a conversation wait in the shared inbox when its rule names a team that is gone', async () => {
    const { seeded, care } = await workspaceWithTeams();
    const db = database.store.db;
    await createRoutingRule(
      db,
      seeded.workspaceId,
      { name: 'to Care', enabled: true, when: [], then: { teamId: care.id, tags: ['care'] } },
      now,
    );
    await db.deleteFrom('teams').where('id', '=', care.id).execute();
    const mention = makeMention({ text: 'anyone there?' });
    expect(await ingest(seeded, [mention])).toMatchObject({ stored: 1 });
    expect(await conversationOf(mention)).toMatchObject({
      team_id: null,
      tags: ['care'],
      routing_reason:
        "rule 'to Care' names a team that no longer exists; waiting in the shared inbox",
    });
  });

  it('routes nothing in a workspace without rules or a category map', async () => {
    const { seeded } = await workspaceWithTeams();
    const mention = makeMention({ text: 'I want a refund now, terrible!' });
    await ingest(seeded, [mention]);
    expect(await conversationOf(mention)).toMatchObject({
      team_id: null,
      routing_reason: null,
    });
  });
});
