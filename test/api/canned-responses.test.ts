import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam } from '../../src/store/teams.repository.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let api: TestApi;
let acme: SeededWorkspace;
let admin: Caller;
let agent: Caller;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Canned');
  admin = await api.login(acme.users.admin);
  agent = await api.login(acme.users.agent);
});
afterAll(async () => api?.close());

const base = () => `/api/v1/workspaces/${acme.workspaceId}/canned-responses`;

async function save(body: Record<string, unknown>) {
  return api.request('POST', base(), { as: admin, body });
}

describe('canned responses', () => {
  it("saves one for the workspace and one for a team, lists them all, or a team's own plus the shared ones", async () => {
    const billing = await createTeam(api.db, acme.workspaceId, 'Billing');
    const shared = await save({ name: 'Greeting', body: 'Hi {{customer.name}}!' });
    expect(shared.status, shared.text).toBe(201);
    expect(shared.json).toMatchObject({ teamId: null, createdBy: acme.users.admin.id });
    const own = await save({ name: 'Refund', body: 'Refund on its way', teamId: billing.id });
    expect(own.status).toBe(201);

    const all = await api.request('GET', base(), { as: agent });
    expect((all.json.items as Array<{ name: string }>).map((i) => i.name)).toEqual([
      'Greeting',
      'Refund',
    ]);
    const support = await createTeam(api.db, acme.workspaceId, 'Support');
    const forSupport = await api.request('GET', `${base()}?teamId=${support.id}`, { as: agent });
    expect((forSupport.json.items as Array<{ name: string }>).map((i) => i.name)).toEqual([
      'Greeting',
    ]);
    const forBilling = await api.request('GET', `${base()}?teamId=${billing.id}`, { as: agent });
    expect(
      (forBilling.json.items as Array<{ teamId: string | null }>).map((i) => i.teamId),
    ).toEqual([null, billing.id]);
  });

  it('refuses an unknown variable with 422 naming it, on save and on change', async () => {
    const answer = await save({
      name: 'Order',
      body: 'Your order {{order.id}} for {{customer.name}}',
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({
      code: 'unknown_variable',
      details: { unknown: ['order.id'] },
    });
    const ok = await save({ name: 'Order ok', body: 'Hi {{customer.name}}' });
    const patch = await api.request('PATCH', `${base()}/${ok.json.id as string}`, {
      as: admin,
      body: { body: 'Hi {{customer.first}}' },
    });
    expect(patch.status).toBe(422);
    const kept = await api.request('GET', base(), { as: admin });
    expect(
      (kept.json.items as Array<{ id: string; body: string }>).find((i) => i.id === ok.json.id)
        ?.body,
    ).toBe('Hi {{customer.name}}');
  });

  it('renders the variables for a conversation, with its network length check', async () => {
    const { conversationId } = await addMention(api.db, acme, {
      text: 'Where is my refund?',
      author: { externalId: 'did:plc:ana', handle: 'ana.test', displayName: 'Ana Lima' },
    });
    const response = await save({
      name: 'Long',
      body: `Hi {{customer.name}}, {{agent.firstName}} from {{brand.name}}: {{ticket.link}} ${'x'.repeat(250)}`,
    });
    const render = await api.request('POST', `${base()}/${response.json.id as string}/render`, {
      as: agent,
      body: { conversationId },
    });
    expect(render.status, render.text).toBe(200);
    const text = render.json.text as string;
    expect(text).toMatch(/^Hi Ana Lima, Canned from Canned Brand: http:\/\/localhost\/w\//);
    expect(text).toContain(`/conversations/${conversationId} `);
    expect(render.json.length).toMatchObject({
      network: 'bluesky',
      limit: 300,
      length: [...new Intl.Segmenter().segment(text)].length,
      fits: false,
    });
  });

  it("answers 404 for another workspace's conversation or team, and for an unknown response", async () => {
    const other = await seedWorkspace(api.db, 'Elsewhere');
    const { conversationId } = await addMention(api.db, other, { text: 'hello' });
    const response = await save({ name: 'Bye', body: 'Bye {{customer.name}}' });
    const render = await api.request('POST', `${base()}/${response.json.id as string}/render`, {
      as: agent,
      body: { conversationId },
    });
    expect(render.status).toBe(404);
    expect(render.json.error?.code).toBe('conversation_not_found');
    const team = await createTeam(api.db, other.workspaceId, 'Theirs');
    const teamed = await save({ name: 'Theirs', body: 'x', teamId: team.id });
    expect(teamed.json.error?.code).toBe('team_not_found');
    const missing = await api.request('PATCH', `${base()}/0190e3a0-0000-7000-8000-000000000000`, {
      as: admin,
      body: { name: 'x' },
    });
    expect(missing.json.error?.code).toBe('canned_response_not_found');
  });
});
