import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mention } from '../../src/domain/mention.ts';
import { ingestMentions } from '../../src/pipeline/intake/ingest.ts';
import type { Assess } from '../../src/pipeline/intake/ingest.ts';
import { runOutboxOnce } from '../../src/pipeline/outbox/outbox.ts';
import { runSlaSchedulerOnce } from '../../src/pipeline/sla/sla-scheduler.ts';
import { listConversationEvents } from '../../src/store/events.repository.ts';
import { createRoutingRule } from '../../src/store/routing/routing-rules.repository.ts';
import { createTeam } from '../../src/store/teams.repository.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { makeMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// The SLA clock through the API and the pipeline, on a clock the test moves: policies and hours
// are set as an admin would, conversations arrive through real intake, and the scheduler runs
// one pass at a time so each warning, breach and follow-up can be counted.

let api: TestApi;
let clock = new Date('2026-11-27T16:30:00Z'); // Friday 16:30 in London
const at = (iso: string) => new Date(iso);
const minutes = (n: number) => new Date(clock.getTime() + n * 60_000);

beforeAll(async () => {
  api = await createTestApi({ now: () => clock });
});
afterAll(async () => api?.close());

interface Setup {
  seeded: SeededWorkspace;
  admin: Caller;
  agent: Caller;
  base: string;
}

async function setup(): Promise<Setup> {
  const seeded = await seedWorkspace(api.db, 'Sla');
  return {
    seeded,
    admin: await api.login(seeded.users.admin),
    agent: await api.login(seeded.users.agent),
    base: `/api/v1/workspaces/${seeded.workspaceId}`,
  };
}

async function arrive(seeded: SeededWorkspace, overrides: Partial<Mention> = {}, assess?: Assess) {
  const mention = makeMention({ postedAt: clock, ...overrides });
  await ingestMentions(
    api.db,
    { workspaceId: seeded.workspaceId, brandId: seeded.brandId, mentions: [mention] },
    clock,
    assess,
  );
  const row = await api.db
    .selectFrom('mentions')
    .select('conversation_id')
    .where('external_id', '=', mention.externalId)
    .executeTakeFirstOrThrow();
  return row.conversation_id;
}

const policyBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Everyone',
  firstResponseMinutes: 60,
  resolutionMinutes: 480,
  warnBeforeMinutes: 15,
  ...overrides,
});

async function slaOf(s: Setup, conversationId: string) {
  const answer = await api.request('GET', `${s.base}/conversations/${conversationId}/sla`, {
    as: s.agent,
  });
  expect(answer.status).toBe(200);
  return answer.json;
}

async function eventTypes(s: Setup, conversationId: string) {
  return (await listConversationEvents(api.db, s.seeded.workspaceId, conversationId)).map(
    (e) => e.type,
  );
}

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const nineToFive = (timeZone: string, extra: Record<string, unknown> = {}) => ({
  timeZone,
  week: Object.fromEntries(weekdays.map((d) => [d, [{ start: '09:00', end: '17:00' }]])),
  holidays: ['2026-12-25'],
  ...extra,
});

describe('SLA policies', () => {
  it('are created and changed by admins, read by agents, and removed softly', async () => {
    clock = at('2026-11-27T16:30:00Z');
    const s = await setup();
    const team = await createTeam(api.db, s.seeded.workspaceId, 'Billing');
    const created = await api.request('POST', `${s.base}/sla-policies`, {
      as: s.admin,
      body: policyBody({ teamId: team.id, minPriority: 50, escalation: { raisePriorityBy: 20 } }),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      teamId: team.id,
      minPriority: 50,
      maxPriority: null,
      nextResponseMinutes: null,
      escalation: { notify: true, reassign: null, raisePriorityBy: 20 },
    });
    const id = created.json.id as string;
    const replaced = await api.request('PUT', `${s.base}/sla-policies/${id}`, {
      as: s.admin,
      body: policyBody({ name: 'Urgent', firstResponseMinutes: 30 }),
    });
    expect(replaced.json).toMatchObject({ name: 'Urgent', firstResponseMinutes: 30, teamId: null });
    const listed = await api.request('GET', `${s.base}/sla-policies`, { as: s.agent });
    expect((listed.json.items as unknown[]).length).toBe(1);
    const id2 = await arrive(s.seeded);
    expect((await slaOf(s, id2)).firstResponseDueAt).toBe('2026-11-27T17:00:00.000Z');
    for (let i = 0; i < 2; i++) {
      const removed = await api.request('DELETE', `${s.base}/sla-policies/${id}`, { as: s.admin });
      expect(removed.status).toBe(204);
    }
    const after = await api.request('GET', `${s.base}/sla-policies`, { as: s.agent });
    expect(after.json.items).toEqual([]);
    // No policy left: the clock stops and the conversation sorts as having no due time.
    expect(await slaOf(s, id2)).toMatchObject({ policyId: null, firstResponseDueAt: null });
    const row = await api.db
      .selectFrom('conversations')
      .select('due_at')
      .where('id', '=', id2)
      .executeTakeFirstOrThrow();
    expect(row.due_at).toEqual(at('9999-12-31T23:59:59Z'));
    const gone = await api.request('PUT', `${s.base}/sla-policies/${id}`, {
      as: s.admin,
      body: policyBody(),
    });
    expect(gone.status).toBe(404);
    expect(gone.json.error?.code).toBe('sla_policy_not_found');
  });

  it('refuse a policy without a target, with an upside-down band, or naming an unknown team', async () => {
    const s = await setup();
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ firstResponseMinutes: null, resolutionMinutes: null }, 400],
      [{ minPriority: 80, maxPriority: 20 }, 400],
      [{ firstResponseMinutes: 0 }, 400],
      [{ warnBeforeMinutes: -5 }, 400],
      [{ escalation: { reassign: { teamId: '0190f5a4-0000-7000-8000-000000000000' } } }, 404],
    ];
    for (const [overrides, status] of cases) {
      const answer = await api.request('POST', `${s.base}/sla-policies`, {
        as: s.admin,
        body: policyBody(overrides),
      });
      expect(answer.status, JSON.stringify(overrides)).toBe(status);
      expect(answer.json.error?.message).toBeTruthy();
    }
  });
});

describe('business hours', () => {
  it('are 24/7 until set, and are set with a zone, a week and holidays', async () => {
    clock = at('2026-11-27T16:30:00Z');
    const s = await setup();
    const team = await createTeam(api.db, s.seeded.workspaceId, 'London');
    const path = `${s.base}/teams/${team.id}/business-hours`;
    const unset = await api.request('GET', path, { as: s.agent });
    expect(unset.json).toMatchObject({ configured: false, alwaysOpen: true, openNow: true });
    const set = await api.request('PUT', path, {
      as: s.admin,
      body: nineToFive('Europe/London'),
    });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({
      configured: true,
      openNow: true,
      nextOpeningAt: '2026-11-27T16:30:00.000Z',
    });
    clock = at('2026-11-27T17:30:00Z'); // Friday 17:30: closed until Monday 09:00
    const closed = await api.request('GET', path, { as: s.agent });
    expect(closed.json).toMatchObject({
      openNow: false,
      nextOpeningAt: '2026-11-30T09:00:00.000Z',
    });
  });

  it('refuse an unknown zone, a broken interval, and an acknowledgement that does not say when a person answers', async () => {
    const s = await setup();
    const team = await createTeam(api.db, s.seeded.workspaceId, 'Night');
    const path = `${s.base}/teams/${team.id}/business-hours`;
    const bad = [
      nineToFive('Mars/Olympus_Mons'),
      { timeZone: 'UTC', week: { monday: [{ start: '17:00', end: '09:00' }] } },
      nineToFive('UTC', { acknowledgement: 'We only answer during office hours.' }),
      nineToFive('UTC', { acknowledgement: 'Back soon, {{customer}}! {{opensAt}}' }),
    ];
    for (const body of bad) {
      const answer = await api.request('PUT', path, { as: s.admin, body });
      expect(answer.status, JSON.stringify(body)).toBe(422);
      expect(answer.json.error?.code).toBe('validation_failed');
    }
    const refused = await api.request('PUT', path, { as: s.admin, body: bad[2] });
    expect(refused.json.error?.message).toMatch(/when a person will answer.*\{\{opensAt\}\}/);
    const unchanged = await api.request('GET', path, { as: s.agent });
    expect(unchanged.json.configured).toBe(false);
  });
});

describe('due times', () => {
  it('are set at intake, counted in business time once the team is known, and stop when answered', async () => {
    clock = at('2026-11-27T16:30:00Z');
    const s = await setup();
    await api.request('POST', `${s.base}/sla-policies`, { as: s.admin, body: policyBody() });
    const team = await createTeam(api.db, s.seeded.workspaceId, 'London');
    await api.request('PUT', `${s.base}/teams/${team.id}/business-hours`, {
      as: s.admin,
      body: nineToFive('Europe/London'),
    });
    const id = await arrive(s.seeded);
    // No team yet: around the clock.
    expect(await slaOf(s, id)).toMatchObject({
      firstResponseDueAt: '2026-11-27T17:30:00.000Z',
      resolutionDueAt: '2026-11-28T00:30:00.000Z',
      state: 'ok',
    });
    await api.request('POST', `${s.base}/conversations/${id}/team`, {
      as: s.agent,
      body: { teamId: team.id },
    });
    // London hours: 30 minutes on Friday, the rest on Monday.
    expect(await slaOf(s, id)).toMatchObject({
      firstResponseDueAt: '2026-11-30T09:30:00.000Z',
      resolutionDueAt: '2026-11-30T16:30:00.000Z',
    });
    const inbox = await api.db
      .selectFrom('conversations')
      .select('due_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(inbox.due_at).toEqual(at('2026-11-30T09:30:00Z'));

    clock = at('2026-11-30T09:10:00Z');
    // Monday: Friday's sessions have been idle for days and ended; everyone signs in again.
    s.admin = await api.login(s.seeded.users.admin);
    s.agent = await api.login(s.seeded.users.agent);
    const reply = await api.request('POST', `${s.base}/conversations/${id}/replies`, {
      as: s.agent,
      body: { text: 'Looking into it now.' },
    });
    expect(reply.status).toBe(201);
    await runOutboxOnce({
      db: api.db,
      logger: pino({ level: 'silent' }),
      now: () => clock,
      resolveSender: async () => async () => ({ externalId: 'sent-1' }),
    });
    const answered = await slaOf(s, id);
    expect(answered.firstResponseDueAt).toBeNull();
    expect(answered.nextResponseDueAt).toBeNull();
    expect(answered.resolutionDueAt).toBe('2026-11-30T16:30:00.000Z');

    // The customer writes again: the next-response clock starts (a policy without one: none).
    clock = at('2026-11-30T10:00:00Z');
    await api.request('PUT', `${s.base}/sla-policies/${answered.policyId as string}`, {
      as: s.admin,
      body: policyBody({ nextResponseMinutes: 30 }),
    });
    const root = await api.db
      .selectFrom('conversations')
      .select('root_external_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await arrive(s.seeded, {
      rootExternalId: root.root_external_id!,
      parentExternalId: root.root_external_id!,
    });
    expect((await slaOf(s, id)).nextResponseDueAt).toBe('2026-11-30T10:30:00.000Z');
  });

  it('stop while waiting on the customer and resume with the paused time added', async () => {
    clock = at('2026-11-30T10:00:00Z'); // Monday
    const s = await setup();
    await api.request('POST', `${s.base}/sla-policies`, { as: s.admin, body: policyBody() });
    const id = await arrive(s.seeded);
    expect((await slaOf(s, id)).resolutionDueAt).toBe('2026-11-30T18:00:00.000Z');
    clock = minutes(10);
    await api.request('POST', `${s.base}/conversations/${id}/status`, {
      as: s.agent,
      body: { status: 'pending' },
    });
    expect(await slaOf(s, id)).toMatchObject({
      paused: true,
      firstResponseDueAt: null,
      resolutionDueAt: null,
      state: 'none',
    });
    clock = minutes(120);
    await api.request('POST', `${s.base}/conversations/${id}/status`, {
      as: s.agent,
      body: { status: 'open' },
    });
    expect(await slaOf(s, id)).toMatchObject({
      paused: false,
      pausedMinutes: 120,
      resolutionDueAt: '2026-11-30T20:00:00.000Z',
    });
  });
});

describe('the scheduler', () => {
  it('warns once, then escalates the breach once: to another team, at a higher priority', async () => {
    clock = at('2026-11-30T10:00:00Z');
    const s = await setup();
    const tier2 = await createTeam(api.db, s.seeded.workspaceId, 'Tier 2');
    await api.request('POST', `${s.base}/sla-policies`, {
      as: s.admin,
      body: policyBody({
        resolutionMinutes: null,
        escalation: { notify: true, reassign: { teamId: tier2.id }, raisePriorityBy: 30 },
      }),
    });
    const id = await arrive(s.seeded);
    const notices: string[] = [];
    const unsubscribe = api.deps.realtime.subscribe(s.seeded.workspaceId, (notice) =>
      notices.push(notice.type),
    );
    const start = clock;
    clock = minutes(40);
    await runSlaSchedulerOnce(api.db, clock);
    expect(await eventTypes(s, id)).not.toContain('sla.warning');
    clock = new Date(start.getTime() + 50 * 60_000);
    await runSlaSchedulerOnce(api.db, clock);
    await runSlaSchedulerOnce(api.db, clock);
    expect((await eventTypes(s, id)).filter((t) => t === 'sla.warning')).toHaveLength(1);
    expect((await slaOf(s, id)).state).toBe('at_risk');

    clock = new Date(start.getTime() + 61 * 60_000);
    for (let i = 0; i < 3; i++) await runSlaSchedulerOnce(api.db, clock);
    const types = await eventTypes(s, id);
    expect(types.filter((t) => t === 'sla.breached')).toHaveLength(1);
    expect(types.filter((t) => t === 'conversation.transferred')).toHaveLength(0); // first team
    expect(types).toContain('conversation.team_changed');
    const row = await api.db
      .selectFrom('conversations')
      .select(['team_id', 'priority'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ team_id: tier2.id, priority: 30 });
    const sla = await slaOf(s, id);
    expect(sla.state).toBe('breached');
    expect(sla.escalations).toMatchObject([
      { target: 'first_response', kind: 'warning' },
      { target: 'first_response', kind: 'breach' },
    ]);
    // Browsers hear of both, and of the conversation's change.
    await expect
      .poll(() => notices.filter((n) => n.startsWith('sla.')))
      .toEqual(['sla.warning', 'sla.breached']);
    expect(notices).toContain('conversation.updated');
    unsubscribe();
  });

  it('gives a conversation back to the agent when their follow-up comes due, once', async () => {
    clock = at('2026-11-30T10:00:00Z');
    const s = await setup();
    const id = await arrive(s.seeded);
    const past = await api.request('POST', `${s.base}/conversations/${id}/follow-up`, {
      as: s.agent,
      body: { dueAt: '2026-11-30T09:00:00Z' },
    });
    expect(past.status).toBe(422);
    const set = await api.request('POST', `${s.base}/conversations/${id}/follow-up`, {
      as: s.agent,
      body: { dueAt: '2026-11-30T12:00:00Z' },
    });
    expect(set.json).toMatchObject({
      followUpAt: '2026-11-30T12:00:00.000Z',
      followUpUserId: s.seeded.users.agent.id,
    });
    await api.request('POST', `${s.base}/conversations/${id}/status`, {
      as: s.agent,
      body: { status: 'resolved' },
    });
    clock = at('2026-11-30T11:59:00Z');
    await runSlaSchedulerOnce(api.db, clock);
    expect(await eventTypes(s, id)).not.toContain('conversation.follow_up_due');
    clock = at('2026-11-30T12:00:00Z');
    await runSlaSchedulerOnce(api.db, clock);
    await runSlaSchedulerOnce(api.db, clock);
    expect(
      (await eventTypes(s, id)).filter((t) => t === 'conversation.follow_up_due'),
    ).toHaveLength(1);
    const row = await api.db
      .selectFrom('conversations')
      .select(['status', 'assignee_id', 'follow_up_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'open',
      assignee_id: s.seeded.users.agent.id,
      follow_up_at: null,
    });
  });

  it('hands what waits in a closed team to an open team of its follow-the-sun group, as a transfer', async () => {
    clock = at('2026-11-23T23:00:00Z'); // 18:00 in New York, Tuesday 10:00 in Sydney
    const s = await setup();
    const ny = await createTeam(api.db, s.seeded.workspaceId, 'New York');
    const sydney = await createTeam(api.db, s.seeded.workspaceId, 'Sydney');
    for (const [team, zone] of [
      [ny, 'America/New_York'],
      [sydney, 'Australia/Sydney'],
    ] as const) {
      await api.request('PUT', `${s.base}/teams/${team.id}/business-hours`, {
        as: s.admin,
        body: nineToFive(zone, { followTheSunGroup: 'global' }),
      });
    }
    const id = await arrive(s.seeded);
    await api.request('POST', `${s.base}/conversations/${id}/team`, {
      as: s.agent,
      body: { teamId: ny.id },
    });
    await runSlaSchedulerOnce(api.db, clock);
    const row = await api.db
      .selectFrom('conversations')
      .select('team_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.team_id).toBe(sydney.id);
    const events = await listConversationEvents(api.db, s.seeded.workspaceId, id);
    const transfer = events.find((e) => e.type === 'conversation.transferred');
    expect(transfer?.data).toMatchObject({ from: ny.id, to: sydney.id, reason: 'follow_the_sun' });
  });
});

describe('out of hours', () => {
  it('queues one acknowledgement saying when a person will answer, in the team zone, and not while open', async () => {
    clock = at('2026-11-27T17:30:00Z'); // Friday 17:30 in London: closed
    const s = await setup();
    const team = await createTeam(api.db, s.seeded.workspaceId, 'Care');
    await createRoutingRule(
      api.db,
      s.seeded.workspaceId,
      { name: 'all to Care', enabled: true, when: [], then: { teamId: team.id } },
      clock,
    );
    await api.request('PUT', `${s.base}/teams/${team.id}/business-hours`, {
      as: s.admin,
      body: nineToFive('Europe/London', {
        acknowledgement: 'Thanks for writing! {{teamName}} answers {{opensAt}}.',
      }),
    });
    await api.request('POST', `${s.base}/sla-policies`, { as: s.admin, body: policyBody() });
    const id = await arrive(s.seeded);
    const replies = await api.db
      .selectFrom('replies')
      .select(['text', 'status', 'author_id'])
      .where('conversation_id', '=', id)
      .execute();
    expect(replies).toEqual([
      {
        text: 'Thanks for writing! Care answers Monday 30 November at 09:00 (London time).',
        status: 'queued',
        author_id: null,
      },
    ]);
    // Spam, and the brand's own posts, get no acknowledgement.
    const spam = await arrive(s.seeded, {}, () => ({
      priority: 0,
      sentiment: null,
      needsReply: true,
      details: { spam: true },
    }));
    const ours = await arrive(s.seeded, { fromBrand: true });
    const unanswered = await api.db
      .selectFrom('replies')
      .select('id')
      .where('conversation_id', 'in', [spam, ours])
      .execute();
    expect(unanswered).toEqual([]);
    // Sending it is no answer: the first-response clock still runs.
    await runOutboxOnce({
      db: api.db,
      logger: pino({ level: 'silent' }),
      now: () => clock,
      resolveSender: async () => async () => ({ externalId: 'ack-1' }),
    });
    expect((await slaOf(s, id)).firstResponseDueAt).toBe('2026-11-30T10:00:00.000Z');

    clock = at('2026-11-30T10:00:00Z'); // Monday, open
    const during = await arrive(s.seeded);
    const none = await api.db
      .selectFrom('replies')
      .select('id')
      .where('conversation_id', '=', during)
      .execute();
    expect(none).toEqual([]);
  });
});
