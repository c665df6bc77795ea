import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// Each test here fails until a bug found by the API tests is fixed in src/; then it moves to
// the file it belongs to.

let api: TestApi;
let acme: SeededWorkspace;
let owner: Caller;
let admin: Caller;
let ws: string;

beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => api?.close());

// A workspace of its own for each test: a bug one test shows must not break the next.
beforeEach(async () => {
  acme = await seedWorkspace(api.db, 'Bugs');
  owner = await api.login(acme.users.owner);
  admin = await api.login(acme.users.admin);
  ws = `/api/v1/workspaces/${acme.workspaceId}`;
});

describe('bugs found', () => {
  it('an admin cannot demote an owner through POST members (the add-or-change-role route)', async () => {
    const answer = await api.request('POST', `${ws}/members`, {
      as: admin,
      body: { email: acme.users.owner.email, role: 'viewer' },
    });
    const members = await api.request('GET', `${ws}/members`, { as: admin });
    const ownerRole = (members.json.items as Array<{ userId: string; role: string }>).find(
      (m) => m.userId === acme.users.owner.id,
    )?.role;
    expect(ownerRole).toBe('owner');
    expect(answer.status).toBe(403);
  });

  it('renaming a brand to a name the workspace already uses answers 409, not 500', async () => {
    const brand = await api.request('POST', `${ws}/brands`, {
      as: owner,
      body: { name: 'Second' },
    });
    const answer = await api.request('PATCH', `${ws}/brands/${brand.json.id as string}`, {
      as: owner,
      body: { name: 'Bugs Brand' },
    });
    expect(answer.status).toBe(409);
    expect(answer.json.error?.code).toBe('conflict');
  });

  it('an empty brand patch answers 200 (or 400), not 500', async () => {
    const answer = await api.request('PATCH', `${ws}/brands/${acme.brandId}`, {
      as: owner,
      body: {},
    });
    expect([200, 400]).toContain(answer.status);
  });

  it('a NUL byte in a note is stored intact or refused with 400, not 500', async () => {
    const { conversationId } = await addMention(api.db, acme);
    const answer = await api.request('POST', `${ws}/conversations/${conversationId}/notes`, {
      as: owner,
      body: { body: 'before\u0000after' },
    });
    expect([201, 400]).toContain(answer.status);
  });

  it('a lone surrogate in a reply is stored intact or refused with 400, never silently replaced', async () => {
    const { conversationId } = await addMention(api.db, acme);
    const answer = await api.request('POST', `${ws}/conversations/${conversationId}/replies`, {
      as: owner,
      rawBody: '{"text":"half a face \\ud83d here"}',
    });
    if (answer.status === 400) return;
    expect(answer.status).toBe(201);
    expect(answer.json.text).toBe('half a face \ud83d here');
  });
});
