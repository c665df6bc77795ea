import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTriageAssess } from '../../src/pipeline/intake/assess.ts';
import { ingestMentions } from '../../src/pipeline/intake/ingest.ts';
import { loadTriageModels } from '../../src/triage/models.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, makeMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let agent: Caller;
let viewer: Caller;
let admin: Caller;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Corrections');
  other = await seedWorkspace(api.db, 'Elsewhere');
  agent = await api.login(acme.users.agent);
  viewer = await api.login(acme.users.viewer);
  admin = await api.login(acme.users.admin);
});
afterAll(async () => api?.close());

const ws = () => `/api/v1/workspaces/${acme.workspaceId}`;
const assess = createTriageAssess(loadTriageModels());

/** A mention stored through ingest with the real triage models; returns its id and labels. */
async function labelledMention(seeded: SeededWorkspace, text: string) {
  const mention = makeMention({ text });
  await ingestMentions(
    api.db,
    { workspaceId: seeded.workspaceId, brandId: seeded.brandId, mentions: [mention] },
    new Date(),
    assess,
  );
  const row = await api.db
    .selectFrom('mentions')
    .select(['id', 'conversation_id', 'triage'])
    .where('external_id', '=', mention.externalId)
    .executeTakeFirstOrThrow();
  return { id: row.id, conversationId: row.conversation_id, triage: row.triage };
}

const correct = (mentionId: string, body: unknown, as: Caller = agent) =>
  api.request('POST', `${ws()}/mentions/${mentionId}/triage/corrections`, { as, body });

describe('correcting triage', () => {
  it('shows the model labels until corrected, then the correction, keeping the stored triage', async () => {
    const m = await labelledMention(acme, 'I want a refund, my order never arrived. Awful!');
    const before = await api.request('GET', `${ws()}/mentions/${m.id}/triage`, { as: viewer });
    expect(before.status, before.text).toBe(200);
    expect(before.json).toMatchObject({
      mentionId: m.id,
      conversationId: m.conversationId,
      model: { sentiment: 'negative' },
      corrections: { sentiment: null, intent: null },
    });
    expect(before.json.shown).toEqual(before.json.model);
    const modelIntent = (before.json.model as { intent: string }).intent;

    const answer = await correct(m.id, { sentiment: 'neutral', intent: 'track_order' });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toMatchObject({
      model: { sentiment: 'negative', intent: modelIntent },
      corrections: {
        sentiment: {
          modelLabel: 'negative',
          label: 'neutral',
          correctedBy: { id: acme.users.agent.id },
        },
        intent: { modelLabel: modelIntent, label: 'track_order' },
      },
      shown: { sentiment: 'neutral', intent: 'track_order', category: 'ORDER' },
    });
    const stored = await api.db
      .selectFrom('mentions')
      .select('triage')
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    // The model's labels stay as stored; what the correction leads to sits beside them.
    const { corrected, ...modelLabels } = stored.triage as Record<string, unknown>;
    expect(modelLabels).toEqual(m.triage);
    expect(corrected).toMatchObject({ sentiment: 'neutral' });

    const events = await api.db
      .selectFrom('events')
      .select(['actor_id', 'conversation_id', 'data'])
      .where('workspace_id', '=', acme.workspaceId)
      .where('type', '=', 'mention.triage_corrected')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.data)).toEqual([
      {
        mentionId: m.id,
        field: 'sentiment',
        modelLabel: 'negative',
        label: 'neutral',
        previousCorrection: null,
      },
      {
        mentionId: m.id,
        field: 'intent',
        modelLabel: modelIntent,
        label: 'track_order',
        previousCorrection: null,
      },
    ]);
    expect(events[0]).toMatchObject({
      actor_id: acme.users.agent.id,
      conversation_id: m.conversationId,
    });
  });

  it('re-scores the conversation at once: its priority, its views, and spam', async () => {
    const m = await labelledMention(acme, 'just got home from the trip');
    const conversation = async () => {
      const answer = await api.request('GET', `${ws()}/conversations/${m.conversationId}`, {
        as: viewer,
      });
      return answer.json.conversation as { priority: number; spam: boolean; sentiment: string };
    };
    const inView = async (query: string) => {
      const answer = await api.request('GET', `${ws()}/conversations?${query}`, { as: viewer });
      return (answer.json.items as Array<{ id: string }>).some((c) => c.id === m.conversationId);
    };
    const before = await conversation();
    expect(await inView('socialIntent=complaint')).toBe(false);

    const answer = await correct(m.id, {
      sentiment: 'negative',
      socialIntent: 'complaint',
      complaint: true,
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toMatchObject({
      corrections: { socialIntent: { label: 'complaint' }, complaint: { label: 'yes' } },
      shown: { sentiment: 'negative', socialIntent: 'complaint', complaint: 'yes' },
    });
    const after = await conversation();
    expect(after.priority).toBeGreaterThan(before.priority + 20);
    expect(after.sentiment).toBe('negative');
    expect(await inView('socialIntent=complaint')).toBe(true);
    expect(await inView('sentiment=negative')).toBe(true);
    const changes = await api.db
      .selectFrom('events')
      .select(['actor_id', 'data'])
      .where('conversation_id', '=', m.conversationId)
      .where('type', '=', 'conversation.priority_changed')
      .execute();
    expect(changes).toEqual([
      { actor_id: acme.users.agent.id, data: { from: before.priority, to: after.priority } },
    ]);

    expect((await correct(m.id, { spam: true })).status).toBe(200);
    const spam = await conversation();
    expect(spam.priority).toBeLessThanOrEqual(5);
    expect(await inView('view=spam')).toBe(true);
    expect(await inView('view=all')).toBe(false);
    expect((await correct(m.id, { spam: false })).status).toBe(200);
    expect((await conversation()).priority).toBe(after.priority);
    expect(await inView('view=all')).toBe(true);
  });

  it('replaces an earlier correction and keeps the model label of the first', async () => {
    const m = await labelledMention(acme, 'Thank you so much, the team was wonderful!');
    await correct(m.id, { sentiment: 'neutral' });
    const again = await correct(m.id, { sentiment: 'negative' }, admin);
    expect(again.status, again.text).toBe(200);
    expect(again.json).toMatchObject({
      corrections: {
        sentiment: {
          modelLabel: 'positive',
          label: 'negative',
          correctedBy: { id: acme.users.admin.id },
        },
        intent: null,
      },
      shown: { sentiment: 'negative' },
    });
    const last = await api.db
      .selectFrom('events')
      .select('data')
      .where('type', '=', 'mention.triage_corrected')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.data).toMatchObject({ previousCorrection: 'neutral', label: 'negative' });
  });

  it('takes a correction of a mention that was never labelled', async () => {
    const { mentionId } = await addMention(api.db, acme, { text: 'no models ran on this one' });
    const answer = await correct(mentionId, { intent: 'other' });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toMatchObject({
      model: { sentiment: null, intent: null, category: null },
      corrections: { intent: { modelLabel: null, label: 'other' } },
      shown: { sentiment: null, intent: 'other', category: 'SOCIAL' },
    });
  });

  it('refuses unknown labels, an empty correction, viewers and other workspaces', async () => {
    const m = await labelledMention(acme, 'Where is my parcel?');
    for (const body of [
      {},
      { sentiment: 'furious' },
      { intent: 'teleport' },
      { sentiment: 'negative', x: 1 },
    ]) {
      const answer = await correct(m.id, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json).toMatchObject({ error: { code: 'validation_failed' } });
    }
    expect((await correct(m.id, { sentiment: 'negative' }, viewer)).status).toBe(403);
    const theirs = await labelledMention(other, 'Their mention, not ours');
    const foreign = await correct(theirs.id, { sentiment: 'negative' });
    expect(foreign.status).toBe(404);
    expect(foreign.json).toMatchObject({ error: { code: 'mention_not_found' } });
    const count = await api.db
      .selectFrom('triage_corrections')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('mention_id', 'in', [m.id, theirs.id])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});

describe('the corrections report and export', () => {
  it('counts model × corrected labels and how often the model was wrong, for admins only', async () => {
    const fresh = await seedWorkspace(api.db, 'Report');
    const freshAdmin = await api.login(fresh.users.admin);
    const freshAgent = await api.login(fresh.users.agent);
    const base = `/api/v1/workspaces/${fresh.workspaceId}`;
    const a = await labelledMention(fresh, 'This is the worst service ever, I am furious');
    const b = await labelledMention(fresh, 'Terrible delay again, so angry');
    const c = await labelledMention(fresh, 'Line one "quoted"\nline two');
    await labelledMention(fresh, 'An uncorrected mention');
    for (const [id, body] of [
      [a.id, { sentiment: 'negative' }],
      [b.id, { sentiment: 'neutral' }],
      [c.id, { sentiment: 'positive', intent: 'praise' }],
    ] as const) {
      const answer = await api.request('POST', `${base}/mentions/${id}/triage/corrections`, {
        as: freshAgent,
        body,
      });
      expect(answer.status, answer.text).toBe(200);
    }
    const models = await Promise.all(
      [a, b, c].map(async (m) => {
        const t = await api.request('GET', `${base}/mentions/${m.id}/triage`, { as: freshAgent });
        return t.json.model as { sentiment: string; intent: string };
      }),
    );
    expect(models[0]?.sentiment).toBe('negative');
    const report = await api.request('GET', `${base}/triage-corrections/report`, {
      as: freshAdmin,
    });
    expect(report.status, report.text).toBe(200);
    const changed = [
      models[1]?.sentiment !== 'neutral',
      models[2]?.sentiment !== 'positive',
    ].filter(Boolean).length;
    expect(report.json).toMatchObject({
      labelledMentions: 4,
      sentiment: { corrections: 3, changed, shareChanged: changed / 4 },
      intent: {
        corrections: 1,
        changed: models[2]?.intent === 'praise' ? 0 : 1,
        confusion: [{ model: models[2]?.intent, corrected: 'praise', count: 1 }],
      },
    });
    const confusion = (report.json.sentiment as { confusion: unknown[] }).confusion;
    expect(confusion).toContainEqual({ model: 'negative', corrected: 'negative', count: 1 });

    const forbidden = await api.request('GET', `${base}/triage-corrections/report`, {
      as: freshAgent,
    });
    expect(forbidden.status).toBe(403);

    const exported = await api.request('GET', `${base}/triage-corrections/export?field=sentiment`, {
      as: freshAdmin,
    });
    expect(exported.status, exported.text).toBe(200);
    expect(exported.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = exported.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      {
        text: 'This is the worst service ever, I am furious',
        label: 'negative',
        modelLabel: 'negative',
        mentionId: a.id,
      },
      {
        text: 'Terrible delay again, so angry',
        label: 'neutral',
        modelLabel: models[1]?.sentiment,
        mentionId: b.id,
      },
      {
        text: 'Line one "quoted"\nline two',
        label: 'positive',
        modelLabel: models[2]?.sentiment,
        mentionId: c.id,
      },
    ]);
    const intents = await api.request('GET', `${base}/triage-corrections/export?field=intent`, {
      as: freshAdmin,
    });
    expect(intents.text.trimEnd().split('\n')).toHaveLength(1);
    const bad = await api.request('GET', `${base}/triage-corrections/export?field=mood`, {
      as: freshAdmin,
    });
    expect(bad.status).toBe(400);
  });
});
