import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mention } from '../../src/domain/mention.ts';
import { ingestMentions } from '../../src/pipeline/intake/ingest.ts';
import type { MentionAssessment } from '../../src/domain/intake-plan.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { makeMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// A fixed clock, so "SLA at risk" (due within the hour, or overdue) is exact.
const now = new Date('2026-11-29T12:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

let api: TestApi;
let ws: SeededWorkspace;
let agent: Caller;
let viewer: Caller;
const ids: Record<string, string> = {};

/** Stores one mention with the labels triage would have given it; returns its conversation. */
async function intake(
  name: string,
  mention: Partial<Mention>,
  assessment: Partial<MentionAssessment> & {
    intent?: string;
    spam?: boolean;
    /** What triage says the author is doing; null: triaged before socialIntent existed. */
    socialIntent?: string | null;
  } = {},
) {
  const stored = makeMention(mention);
  await ingestMentions(
    api.db,
    { workspaceId: ws.workspaceId, brandId: ws.brandId, mentions: [stored] },
    now,
    () => ({
      priority: assessment.priority ?? 10,
      sentiment: assessment.sentiment ?? 'neutral',
      needsReply: !assessment.spam,
      details: {
        spam: assessment.spam ?? false,
        intent: assessment.intent ?? 'question',
        sentiment: assessment.sentiment ?? 'neutral',
        ...(assessment.socialIntent === null
          ? {}
          : { socialIntent: assessment.socialIntent ?? 'question' }),
      },
    }),
  );
  const row = await api.db
    .selectFrom('mentions')
    .select('conversation_id')
    .where('external_id', '=', stored.externalId)
    .executeTakeFirstOrThrow();
  ids[name] = row.conversation_id;
}

const base = () => `/api/v1/workspaces/${ws.workspaceId}/conversations`;

async function list(query: string, as: Caller = viewer): Promise<string[]> {
  const answer = await api.request('GET', `${base()}?${query}`, { as });
  expect(answer.status, answer.text).toBe(200);
  const items = answer.json.items as Array<{ id: string; spam: boolean }>;
  return items.map((item) => Object.keys(ids).find((name) => ids[name] === item.id)!).sort();
}

async function act(id: string, action: string, body: unknown) {
  const answer = await api.request('POST', `${base()}/${id}/${action}`, { as: agent, body });
  expect(answer.status, answer.text).toBe(200);
}

beforeAll(async () => {
  api = await createTestApi({ now: () => now });
  ws = await seedWorkspace(api.db, 'Views');
  agent = await api.login(ws.users.agent);
  viewer = await api.login(ws.users.viewer);
  const owner = await api.login(ws.users.owner);

  await intake(
    'refund',
    { text: 'I want my refund now', language: 'en' },
    {
      priority: 80,
      sentiment: 'negative',
      intent: 'refund',
    },
  );
  await intake(
    'praise',
    { text: 'You folks are wonderful' },
    { sentiment: 'positive', socialIntent: 'praise' },
  );
  // A complaint written politely is not praise, whatever its mood.
  await intake(
    'polite',
    { text: 'Thank you so much, but my parcel never came' },
    { sentiment: 'positive', socialIntent: 'complaint' },
  );
  // Triaged before socialIntent existed: its own sentiment decides.
  await intake(
    'legacy',
    { text: 'Great crew today' },
    { sentiment: 'positive', socialIntent: null },
  );
  await intake('french', { text: 'Où est mon colis ?', language: 'fr', network: 'mastodon' });
  await intake('spam', { text: 'Gain 5k followers fast' }, { spam: true, priority: 90 });
  await intake('mine', { text: 'assigned to the agent' });
  await intake('team', { text: 'for the billing team' });
  await intake('answered', { text: 'already answered' });
  await intake('later', { text: 'due in three hours' });
  await intake('hidden', { text: 'hidden by a moderator' });

  await act(ids.mine!, 'assign', { assigneeId: ws.users.agent.id });
  await act(ids.mine!, 'tags', { tag: 'vip' });
  const team = await api.request('POST', `/api/v1/workspaces/${ws.workspaceId}/teams`, {
    as: owner,
    body: { name: 'Billing' },
  });
  const teamId = team.json.id as string;
  await api.request('POST', `/api/v1/workspaces/${ws.workspaceId}/teams/${teamId}/members`, {
    as: owner,
    body: { userId: ws.users.agent.id },
  });
  await act(ids.team!, 'team', { teamId });
  await api.db
    .updateTable('conversations')
    .set({ hidden_at: now })
    .where('id', '=', ids.hidden!)
    .execute();
  await api.db
    .updateTable('conversations')
    .set({ needs_reply: false })
    .where('id', '=', ids.answered!)
    .execute();
  // Due times: one overdue, one due within the hour, one later; the rest have none.
  for (const [name, due] of [
    ['refund', minutes(-10)],
    ['french', minutes(45)],
    ['later', minutes(180)],
    ['spam', minutes(5)],
  ] as const) {
    await api.db
      .updateTable('conversations')
      .set({ due_at: due })
      .where('id', '=', ids[name]!)
      .execute();
  }
});
afterAll(async () => api?.close());

const allButSpam = [
  'answered',
  'french',
  'later',
  'legacy',
  'mine',
  'polite',
  'praise',
  'refund',
  'team',
];

describe('inbox views', () => {
  it('"all" lists every open conversation except spam and what moderation hid', async () => {
    expect(await list('view=all')).toEqual(allButSpam);
  });

  it('"spam" lists what triage flagged as spam, and only that', async () => {
    expect(await list('view=spam')).toEqual(['spam']);
    const answer = await api.request('GET', `${base()}?view=spam`, { as: viewer });
    expect((answer.json.items as Array<{ spam: boolean }>)[0]?.spam).toBe(true);
  });

  it('"mine" and "unassigned" split by assignee', async () => {
    expect(await list('view=mine', agent)).toEqual(['mine']);
    expect(await list('view=mine', viewer)).toEqual([]);
    expect(await list('view=unassigned')).toEqual(allButSpam.filter((n) => n !== 'mine'));
  });

  it('"my_teams" lists the conversations of the teams the caller belongs to', async () => {
    expect(await list('view=my_teams', agent)).toEqual(['team']);
    expect(await list('view=my_teams', viewer)).toEqual([]);
  });

  it('"needs_reply" leaves answered conversations (and spam) out', async () => {
    expect(await list('view=needs_reply')).toEqual(allButSpam.filter((n) => n !== 'answered'));
  });

  it('"sla_at_risk" lists what is overdue or due within the hour', async () => {
    expect(await list('view=sla_at_risk')).toEqual(['french', 'refund']);
  });

  it('"praise" lists what customers wrote as praise, not a conversation\'s mood', async () => {
    expect(await list('view=praise')).toEqual(['legacy', 'praise']);
  });
});

describe('inbox filters', () => {
  it('by network, sentiment, intent and language', async () => {
    expect(await list('network=mastodon')).toEqual(['french']);
    expect(await list('sentiment=negative')).toEqual(['refund']);
    expect(await list('intent=refund')).toEqual(['refund']);
    expect(await list('socialIntent=complaint')).toEqual(['polite']);
    expect(await list('socialIntent=praise')).toEqual(['praise']);
    expect(await list('language=fr')).toEqual(['french']);
    expect(await list('language=de')).toEqual([]);
  });

  it('by minimum priority, tag and status, combined with a view', async () => {
    expect(await list('minPriority=50')).toEqual(['refund']);
    expect(await list('minPriority=50&view=spam')).toEqual(['spam']);
    expect(await list('tag=vip&view=mine', agent)).toEqual(['mine']);
    // Assigning opened "mine"; the others are still new.
    expect(await list('status=open')).toEqual(['mine']);
    expect(await list('status=new&view=unassigned')).toEqual(
      allButSpam.filter((n) => n !== 'mine'),
    );
  });

  it('by full-text search, together with a filter', async () => {
    expect(await list('q=refund')).toEqual(['refund']);
    expect(await list('q=refund&sentiment=positive')).toEqual([]);
    expect(await list('q=followers')).toEqual([]);
    expect(await list('q=followers&view=spam')).toEqual(['spam']);
  });

  it('pages through a view with the cursor, in the inbox order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `view=unassigned&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const answer = await api.request('GET', `${base()}?${query}`, { as: viewer });
      expect(answer.status, answer.text).toBe(200);
      for (const item of answer.json.items as Array<{ id: string }>) seen.push(item.id);
      cursor = answer.json.nextCursor as string | null;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen[0]).toBe(ids.refund);
  });

  it('refuses values it does not know', async () => {
    for (const query of [
      'sentiment=angry',
      'socialIntent=rant',
      'minPriority=101',
      'minPriority=high',
      'view=trash',
    ]) {
      const answer = await api.request('GET', `${base()}?${query}`, { as: viewer });
      expect(answer.status, query).toBe(400);
      expect(answer.json.error?.code).toBe('validation_failed');
    }
  });

  it('counts each view under the same filters, matching what each view lists', async () => {
    const views = [
      'all',
      'mine',
      'unassigned',
      'my_teams',
      'needs_reply',
      'sla_at_risk',
      'praise',
      'spam',
    ];
    for (const filters of ['', 'sentiment=positive', 'network=mastodon']) {
      const answer = await api.request(
        'GET',
        `/api/v1/workspaces/${ws.workspaceId}/inbox-counts?${filters}`,
        { as: agent },
      );
      expect(answer.status, answer.text).toBe(200);
      const { counts, cap } = answer.json as unknown as {
        counts: Record<string, number>;
        cap: number;
      };
      expect(cap).toBe(1000);
      for (const view of views) {
        const listed = await list(`view=${view}${filters ? `&${filters}` : ''}`, agent);
        expect(counts[view], `${view} ${filters}`).toBe(listed.length);
      }
    }
  });
});
