import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/store/ids.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let viewer: Caller;
const base = () => `/api/v1/workspaces/${acme.workspaceId}/reports`;
const range = 'from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z';
const at = (iso: string) => new Date(`2026-03-${iso}Z`);

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'CareApi');
  const { conversationId } = await addMention(api.db, acme, { postedAt: at('02T09:00:00') });
  await api.db
    .updateTable('conversations')
    .set({
      first_response_due_at: at('02T10:00:00'),
      first_responded_at: at('02T11:00:00'),
    })
    .where('id', '=', conversationId)
    .execute();
  await sql`update conversations set created_at = ${at('02T09:00:00')}
    where id = ${conversationId}`.execute(api.db);
  await api.db
    .insertInto('sla_escalations')
    .values({
      workspace_id: acme.workspaceId,
      conversation_id: conversationId,
      target: 'first_response',
      kind: 'breach',
      due_at: at('02T10:00:00'),
      policy_id: null,
    })
    .execute();
  await api.db
    .insertInto('csat_surveys')
    .values({
      id: newId(),
      workspace_id: acme.workspaceId,
      conversation_id: conversationId,
      resolved_at: at('03T09:00:00'),
      created_at: at('03T09:00:00'),
      status: 'answered' as never,
      score: 4,
      answered_at: at('03T12:00:00'),
    })
    .execute();
  const ideaId = newId();
  await api.db
    .insertInto('ideas')
    .values({
      id: ideaId,
      workspace_id: acme.workspaceId,
      title: '=HYPERLINK("x")',
      created_at: at('02T09:00:00'),
      updated_at: at('02T09:00:00'),
    })
    .execute();
  await api.db
    .insertInto('idea_votes')
    .values({
      idea_id: ideaId,
      user_id: acme.users.agent.id,
      workspace_id: acme.workspaceId,
      created_at: at('04T09:00:00'),
    })
    .execute();
  viewer = await api.login(acme.users.viewer);
});

afterAll(() => api.close());

describe('GET SLA, CSAT and ideas reports', () => {
  it('answers SLA breaches and the within-SLA share, as JSON and CSV', async () => {
    const response = await api.request('GET', `${base()}/sla?${range}`, { as: viewer });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      totalBreaches: 1,
      withFirstResponseTarget: 1,
      answeredWithinSla: 0,
      withinSlaShare: 0,
    });
    const csv = await api.request('GET', `${base()}/sla?${range}&format=csv`, { as: viewer });
    expect(csv.text).toContain('totalBreaches,1\r\n');
  });

  it('answers CSAT with its distribution and a CSV trend by day', async () => {
    const response = await api.request('GET', `${base()}/csat?${range}`, { as: viewer });
    expect(response.json).toMatchObject({ surveys: 1, responses: 1, averageScore: 4 });
    const csv = await api.request('GET', `${base()}/csat?${range}&format=csv`, { as: viewer });
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('day,responses,averageScore');
    expect(lines).toContain('2026-03-03,1,4');
    expect(lines).toHaveLength(8);
  });

  it('answers ideas by status and the top voted, CSV safe for spreadsheets', async () => {
    const response = await api.request('GET', `${base()}/ideas?${range}`, { as: viewer });
    expect(response.json).toMatchObject({
      topVoted: [{ title: '=HYPERLINK("x")', votes: 1, votesInRange: 1, status: 'new' }],
    });
    const csv = await api.request('GET', `${base()}/ideas?${range}&format=csv`, { as: viewer });
    expect(csv.text).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('answers share of voice by brand, with a flat CSV', async () => {
    const response = await api.request('GET', `${base()}/competitors?${range}`, { as: viewer });
    expect(response.status).toBe(200);
    expect(response.json.items).toEqual([
      expect.objectContaining({ brandId: acme.brandId, mentions: 1, shareOfVoice: 1 }),
    ]);
    const csv = await api.request('GET', `${base()}/competitors?${range}&format=csv`, {
      as: viewer,
    });
    const header = csv.text.split('\r\n')[0]!;
    expect(header).toContain('firstResponse.medianSeconds');
    expect(header).toContain('shareOfVoice');
  });

  it('answers rising topics with the previous period, and their CSV', async () => {
    const response = await api.request('GET', `${base()}/topics?${range}`, { as: viewer });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      previous: { from: '2026-02-22T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' },
      items: [],
    });
    const csv = await api.request('GET', `${base()}/topics?${range}&format=csv`, { as: viewer });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('earshot-topics.csv');
  });
});
