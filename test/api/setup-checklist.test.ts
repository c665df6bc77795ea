import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { seedUser, seedWorkspace } from '../helpers/seed.ts';

// The first-run checklist: each step ticks when the workspace really has it, done through the
// same API a person uses; another workspace's setup never ticks this one's.

type Checklist = { steps: Array<{ key: string; done: boolean }>; complete: boolean };

let api: TestApi;
let owner: Caller;
let workspaceId: string;

beforeAll(async () => {
  api = await createTestApi();
  const user = await seedUser(api.db, 'First run owner');
  owner = await api.login(user);
  const created = await api.request('POST', '/api/v1/workspaces', {
    as: owner,
    body: { name: 'Fresh start' },
  });
  expect(created.status, created.text).toBe(201);
  workspaceId = created.json.id as string;
  // A fully set-up workspace next door: none of it may count here.
  await seedWorkspace(api.db, 'Neighbour');
});
afterAll(async () => api?.close());

const ws = () => `/api/v1/workspaces/${workspaceId}`;

async function done(): Promise<string[]> {
  const answer = await api.request('GET', `${ws()}/setup`, { as: owner });
  expect(answer.status, answer.text).toBe(200);
  const checklist = answer.json as unknown as Checklist;
  expect(checklist.steps.map((step) => step.key)).toEqual([
    'brand',
    'channel',
    'team',
    'sla',
    'teammates',
  ]);
  expect(checklist.complete).toBe(checklist.steps.every((step) => step.done));
  return checklist.steps.filter((step) => step.done).map((step) => step.key);
}

async function post(path: string, body: unknown) {
  const answer = await api.request('POST', `${ws()}${path}`, { as: owner, body });
  expect(answer.status, answer.text).toBeLessThan(300);
  return answer.json;
}

describe('the first-run checklist', () => {
  it('ticks each step as the workspace gets it, and is complete at the end', async () => {
    expect(await done()).toEqual([]);

    // A competitor is not the workspace's own brand.
    await post('/brands', { name: 'Rival Air', keywords: ['rival'], isCompetitor: true });
    expect(await done()).toEqual([]);
    const brand = await post('/brands', { name: 'Fresh Air', keywords: ['fresh air'] });
    expect(await done()).toEqual(['brand']);

    await post('/channels', {
      network: 'webhook',
      brandId: brand.id,
      name: 'Contact form',
      credentials: { name: 'Contact form', secret: 'a-long-enough-shared-secret-0123456789' },
    });
    expect(await done()).toEqual(['brand', 'channel']);

    const team = await post('/teams', { name: 'Care' });
    await post('/sla-policies', {
      name: 'Within the hour',
      teamId: team.id,
      firstResponseMinutes: 60,
    });
    expect(await done()).toEqual(['brand', 'channel', 'team', 'sla']);

    // An invitation still open counts as a teammate on the way.
    await post('/members', { email: 'new.colleague@example.test', role: 'agent' });
    expect(await done()).toEqual(['brand', 'channel', 'team', 'sla', 'teammates']);
  });

  it("is not another workspace's to read", async () => {
    const outsider = await api.login(await seedUser(api.db, 'Outsider'));
    const answer = await api.request('GET', `${ws()}/setup`, { as: outsider });
    expect(answer.status).toBe(404);
  });
});
