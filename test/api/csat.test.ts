import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueCsatSurveys } from '../../src/pipeline/csat/csat.ts';
import { ingestMentions } from '../../src/pipeline/intake/ingest.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, makeMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let admin: Caller;
let agent: Caller;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Csat');
  admin = await api.login(acme.users.admin);
  agent = await api.login(acme.users.agent);
});
afterAll(async () => api?.close());

const ws = () => `/api/v1/workspaces/${acme.workspaceId}`;

/** A conversation the agent resolved; returns it and the customer's first mention. */
async function resolvedConversation(text: string) {
  const added = await addMention(api.db, acme, { text });
  const resolve = await api.request(
    'POST',
    `${ws()}/conversations/${added.conversationId}/status`,
    {
      as: agent,
      body: { status: 'resolved' },
    },
  );
  expect(resolve.status, resolve.text).toBe(200);
  return added;
}

/** The customer writes again in the same thread. */
async function customerWrites(
  first: Awaited<ReturnType<typeof resolvedConversation>>,
  text: string,
) {
  await ingestMentions(
    api.db,
    {
      workspaceId: acme.workspaceId,
      brandId: acme.brandId,
      mentions: [
        makeMention({
          text,
          author: first.mention.author,
          parentExternalId: first.mention.externalId,
          rootExternalId: first.mention.externalId,
        }),
      ],
    },
    new Date(),
  );
}

async function surveyOf(conversationId: string) {
  return api.db
    .selectFrom('csat_surveys')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .execute();
}

async function eventTypes(conversationId: string) {
  const rows = await api.db
    .selectFrom('events')
    .select('type')
    .where('conversation_id', '=', conversationId)
    .execute();
  return rows.map((row) => row.type);
}

describe('CSAT surveys', () => {
  it('sends nothing while the setting is off', async () => {
    const { conversationId } = await resolvedConversation('lost bag');
    await queueCsatSurveys(api.db, new Date());
    expect(await surveyOf(conversationId)).toEqual([]);
  });

  it('queues one survey reply per resolution, and reads a rating from the next message', async () => {
    const on = await api.request('PUT', `${ws()}/reply-settings`, {
      as: admin,
      body: { csatEnabled: true, csatQuestion: 'How did we do, 1 to 5?' },
    });
    expect(on.json).toMatchObject({ csatEnabled: true });
    const first = await resolvedConversation('my refund is late');
    await queueCsatSurveys(api.db, new Date());
    await queueCsatSurveys(api.db, new Date());
    const [survey, ...more] = await surveyOf(first.conversationId);
    expect(more).toEqual([]);
    const replies = await api.db
      .selectFrom('replies')
      .select(['id', 'text', 'status', 'idempotency_key', 'author_id'])
      .where('conversation_id', '=', first.conversationId)
      .execute();
    expect(replies).toEqual([
      {
        id: survey!.reply_id,
        text: 'How did we do, 1 to 5?',
        status: 'queued',
        idempotency_key: `${acme.workspaceId}:csat:${first.conversationId}:${survey!.resolved_at.toISOString()}`,
        author_id: null,
      },
    ]);

    await customerWrites(first, "I'd give it a 4, thanks");
    const [answered] = await surveyOf(first.conversationId);
    expect(answered).toMatchObject({ status: 'answered', score: 4 });
    const event = await api.db
      .selectFrom('events')
      .select(['actor_type', 'data'])
      .where('conversation_id', '=', first.conversationId)
      .where('type', '=', 'csat.received')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_type: 'customer', data: { score: 4 } });
  });

  it('closes the survey unanswered when the next message gives no rating, and later numbers do not count', async () => {
    const first = await resolvedConversation('late flight');
    await queueCsatSurveys(api.db, new Date());
    await customerWrites(first, 'I called 5 times and nobody answered');
    await customerWrites(first, '5');
    const [survey] = await surveyOf(first.conversationId);
    expect(survey).toMatchObject({ status: 'unanswered', score: null });
  });

  it('does not survey a resolution older than a day', async () => {
    const old = await resolvedConversation('ancient history');
    await queueCsatSurveys(api.db, new Date(Date.now() + 25 * 60 * 60_000));
    expect(await surveyOf(old.conversationId)).toEqual([]);
    await queueCsatSurveys(api.db, new Date());
    const [survey] = await surveyOf(old.conversationId);
    await customerWrites(old, 'three stars');
    expect((await surveyOf(old.conversationId))[0]).toMatchObject({ id: survey!.id, score: 3 });
  });

  it('reports the answers with their distribution', async () => {
    const second = await resolvedConversation('seat broken');
    await queueCsatSurveys(api.db, new Date());
    await customerWrites(second, '⭐⭐');
    const report = await api.request('GET', `${ws()}/csat`, { as: agent });
    expect(report.status, report.text).toBe(200);
    expect(report.json.summary).toEqual({
      awaiting: 0,
      answered: 3,
      unanswered: 1,
      average: 3,
      distribution: { 1: 0, 2: 1, 3: 1, 4: 1, 5: 0 },
    });
    expect((report.json.items as Array<{ score: number }>).map((i) => i.score)).toEqual([2, 3, 4]);
  });

  it('stores an answer that is only a rating without reopening the solved conversation', async () => {
    const first = await resolvedConversation('wifi down on board');
    await queueCsatSurveys(api.db, new Date());
    await customerWrites(first, '4/5 thanks');
    expect((await surveyOf(first.conversationId))[0]).toMatchObject({
      status: 'answered',
      score: 4,
    });
    const thread = await api.request('GET', `${ws()}/conversations/${first.conversationId}`, {
      as: agent,
    });
    expect(thread.json.conversation).toMatchObject({ status: 'resolved' });
    expect((thread.json.mentions as Array<{ text: string }>).map((m) => m.text)).toEqual([
      'wifi down on board',
      '4/5 thanks',
    ]);
    expect(await eventTypes(first.conversationId)).not.toContain('conversation.reopened');
    expect(await eventTypes(first.conversationId)).toContain('csat.received');
  });

  it('reopens when the answer brings a new problem, and still records the rating', async () => {
    const first = await resolvedConversation('meal was cold');
    await queueCsatSurveys(api.db, new Date());
    await customerWrites(first, '5 but my refund never came');
    expect((await surveyOf(first.conversationId))[0]).toMatchObject({ score: 5 });
    const thread = await api.request('GET', `${ws()}/conversations/${first.conversationId}`, {
      as: agent,
    });
    expect(thread.json.conversation).toMatchObject({ status: 'open' });
    expect(await eventTypes(first.conversationId)).toContain('conversation.reopened');
  });
});
