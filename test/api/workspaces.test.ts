import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { seedUser, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

interface Member {
  userId: string;
  email: string;
  role: string;
}

let api: TestApi;
let acme: SeededWorkspace;
let owner: Caller;
let admin: Caller;
let ws: string;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Org');
  owner = await api.login(acme.users.owner);
  admin = await api.login(acme.users.admin);
  ws = `/api/v1/workspaces/${acme.workspaceId}`;
});
afterAll(async () => api?.close());

const email = () => `new-${randomUUID().slice(0, 8)}@example.test`;

async function roleOf(userId: string): Promise<string | undefined> {
  const members = await api.request('GET', `${ws}/members`, { as: owner });
  return (members.json.items as Member[]).find((m) => m.userId === userId)?.role;
}

describe('workspaces', () => {
  it('makes the creator its owner, and lists it among their workspaces', async () => {
    const founder = await seedUser(api.db, 'Founder');
    const caller = await api.login(founder);
    const created = await api.request('POST', '/api/v1/workspaces', {
      as: caller,
      body: { name: '  Client: Bakery  ' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Client: Bakery', role: 'owner' });
    const id = created.json.id as string;
    const mine = await api.request('GET', '/api/v1/workspaces', { as: caller });
    expect(mine.json.items).toEqual([{ id, name: 'Client: Bakery', role: 'owner' }]);
    const one = await api.request('GET', `/api/v1/workspaces/${id}`, { as: caller });
    expect(one.json).toEqual({ id, name: 'Client: Bakery', role: 'owner' });
    const members = await api.request('GET', `/api/v1/workspaces/${id}/members`, { as: caller });
    expect(members.json.items).toEqual([
      expect.objectContaining({ userId: founder.id, role: 'owner' }),
    ]);
  });

  it('refuses an empty or overlong name', async () => {
    for (const name of ['', '   ', 'x'.repeat(201)]) {
      const answer = await api.request('POST', '/api/v1/workspaces', { as: owner, body: { name } });
      expect(answer.status).toBe(400);
      expect(answer.json.error?.code).toBe('validation_failed');
    }
  });
});

describe('members', () => {
  it('lets an admin add a new agent who can then log in, and change their role', async () => {
    const address = email();
    const password = `pw-${randomUUID()}`;
    const added = await api.request('POST', `${ws}/members`, {
      as: admin,
      body: { email: address.toUpperCase(), name: 'Nia', role: 'agent', password },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ email: address, name: 'Nia', role: 'agent' });
    const nia = await api.login({ email: address, password });
    const team = await api.request('POST', `${ws}/teams`, { as: nia, body: { name: 'Nope' } });
    expect(team.status).toBe(403);
    const promoted = await api.request('PUT', `${ws}/members/${added.json.userId as string}/role`, {
      as: admin,
      body: { role: 'admin' },
    });
    expect(promoted.status).toBe(200);
    expect(promoted.json.role).toBe('admin');
    const now = await api.request('POST', `${ws}/teams`, {
      as: nia,
      body: { name: 'Night shift' },
    });
    expect(now.status).toBe(201);
  });

  it('adds an existing user by email without touching their password', async () => {
    const existing = await seedUser(api.db, 'Existing');
    const added = await api.request('POST', `${ws}/members`, {
      as: admin,
      body: { email: existing.email, role: 'viewer', password: 'another-password-123' },
    });
    expect(added.status).toBe(201);
    expect(added.json.userId).toBe(existing.id);
    expect((await api.login(existing)).cookie).toBeDefined();
  });

  it('lets only an owner make an owner', async () => {
    const byAdmin = await api.request('POST', `${ws}/members`, {
      as: admin,
      body: { email: email(), role: 'owner' },
    });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.json.error?.code).toBe('forbidden');
    const promote = await api.request('PUT', `${ws}/members/${acme.users.agent.id}/role`, {
      as: admin,
      body: { role: 'owner' },
    });
    expect(promote.status).toBe(403);
    expect(await roleOf(acme.users.agent.id)).toBe('agent');
    const byOwner = await api.request('POST', `${ws}/members`, {
      as: owner,
      body: { email: email(), role: 'owner' },
    });
    expect(byOwner.status).toBe(201);
    expect(byOwner.json.role).toBe('owner');
  });

  it("lets only an owner change an owner's role", async () => {
    const second = await api.request('POST', `${ws}/members`, {
      as: owner,
      body: { email: email(), role: 'owner' },
    });
    const id = second.json.userId as string;
    const byAdmin = await api.request('PUT', `${ws}/members/${id}/role`, {
      as: admin,
      body: { role: 'viewer' },
    });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.json.error?.code).toBe('forbidden');
    expect(await roleOf(id)).toBe('owner');
    const byOwner = await api.request('PUT', `${ws}/members/${id}/role`, {
      as: owner,
      body: { role: 'admin' },
    });
    expect(byOwner.status).toBe(200);
    expect(await roleOf(id)).toBe('admin');
  });

  it('does not let an admin demote an owner through the add-member route either', async () => {
    const address = email();
    const second = await api.request('POST', `${ws}/members`, {
      as: owner,
      body: { email: address, role: 'owner' },
    });
    const byAdmin = await api.request('POST', `${ws}/members`, {
      as: admin,
      body: { email: address, role: 'viewer' },
    });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.json.error?.code).toBe('forbidden');
    expect(await roleOf(second.json.userId as string)).toBe('owner');
  });

  it('answers 404 for a role change of someone who is not a member', async () => {
    const stranger = await seedUser(api.db, 'Stranger');
    const answer = await api.request('PUT', `${ws}/members/${stranger.id}/role`, {
      as: owner,
      body: { role: 'agent' },
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error?.code).toBe('user_not_found');
    expect(await roleOf(stranger.id)).toBeUndefined();
  });

  it('refuses unknown roles and malformed emails', async () => {
    for (const body of [
      { email: email(), role: 'superuser' },
      { email: 'not-an-email', role: 'agent' },
      { email: email(), role: 'agent', password: 'short' },
    ]) {
      const answer = await api.request('POST', `${ws}/members`, { as: owner, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error?.code).toBe('validation_failed');
    }
  });
});

describe('teams', () => {
  it('creates a team, refuses a second with the same name, and adds members', async () => {
    const created = await api.request('POST', `${ws}/teams`, {
      as: admin,
      body: { name: 'Billing' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Billing', memberIds: [] });
    const again = await api.request('POST', `${ws}/teams`, {
      as: owner,
      body: { name: 'Billing' },
    });
    expect(again.status).toBe(409);
    expect(again.json.error?.code).toBe('conflict');
    const teamId = created.json.id as string;
    const joined = await api.request('POST', `${ws}/teams/${teamId}/members`, {
      as: admin,
      body: { userId: acme.users.agent.id },
    });
    expect(joined.status).toBe(200);
    expect(joined.json.memberIds).toEqual([acme.users.agent.id]);
    const twice = await api.request('POST', `${ws}/teams/${teamId}/members`, {
      as: admin,
      body: { userId: acme.users.agent.id },
    });
    expect(twice.json.memberIds).toEqual([acme.users.agent.id]);
    const stranger = await seedUser(api.db, 'Outsider');
    const outsider = await api.request('POST', `${ws}/teams/${teamId}/members`, {
      as: admin,
      body: { userId: stranger.id },
    });
    expect(outsider.status).toBe(404);
    expect(outsider.json.error?.code).toBe('user_not_found');
    const listed = await api.request('GET', `${ws}/teams`, { as: owner });
    const billing = (listed.json.items as Array<{ name: string; memberIds: string[] }>).filter(
      (t) => t.name === 'Billing',
    );
    expect(billing).toEqual([expect.objectContaining({ memberIds: [acme.users.agent.id] })]);
  });
});

describe('brands', () => {
  it('adds a brand with defaults, refuses a duplicate name, and changes one', async () => {
    const created = await api.request('POST', `${ws}/brands`, {
      as: admin,
      body: { name: 'Rival Co', isCompetitor: true, keywords: ['rival'] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'Rival Co',
      handles: [],
      keywords: ['rival'],
      isCompetitor: true,
    });
    const duplicate = await api.request('POST', `${ws}/brands`, {
      as: owner,
      body: { name: 'Rival Co' },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error?.code).toBe('conflict');
    const changed = await api.request('PATCH', `${ws}/brands/${created.json.id as string}`, {
      as: admin,
      body: { handles: ['@rival'] },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      name: 'Rival Co',
      handles: ['@rival'],
      keywords: ['rival'],
    });
    const listed = await api.request('GET', `${ws}/brands`, { as: owner });
    expect((listed.json.items as Array<{ name: string }>).map((b) => b.name)).toEqual(
      expect.arrayContaining(['Rival Co', 'Org Brand']),
    );
  });

  it('answers 409 to a rename onto a name in use, and leaves an empty change alone', async () => {
    const brand = await api.request('POST', `${ws}/brands`, {
      as: admin,
      body: { name: 'Second' },
    });
    const path = `${ws}/brands/${brand.json.id as string}`;
    const clash = await api.request('PATCH', path, { as: admin, body: { name: 'Org Brand' } });
    expect(clash.status).toBe(409);
    expect(clash.json.error?.code).toBe('conflict');
    const empty = await api.request('PATCH', path, { as: admin, body: {} });
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ id: brand.json.id, name: 'Second' });
  });

  it('allows the same brand name in two workspaces', async () => {
    const other = await seedWorkspace(api.db, 'Org');
    const otherOwner = await api.login(other.users.owner);
    for (const [path, as] of [
      [`${ws}/brands`, owner],
      [`/api/v1/workspaces/${other.workspaceId}/brands`, otherOwner],
    ] as const) {
      const answer = await api.request('POST', path, { as, body: { name: 'Shared Name' } });
      expect(answer.status).toBe(201);
    }
  });

  it('keeps hashtags, exclusions and languages, and refuses a bad language or hashtag', async () => {
    const created = await api.request('POST', `${ws}/brands`, {
      as: admin,
      body: {
        name: 'Northwind',
        keywords: ['northwind air'],
        hashtags: ['#northwind', 'flynw'],
        exclusions: ['northwind trail'],
        languages: ['EN', 'fr'],
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      hashtags: ['#northwind', 'flynw'],
      exclusions: ['northwind trail'],
      languages: ['en', 'fr'],
    });
    const path = `${ws}/brands/${created.json.id as string}`;
    const changed = await api.request('PATCH', path, { as: admin, body: { languages: [] } });
    expect(changed.json).toMatchObject({ languages: [], hashtags: ['#northwind', 'flynw'] });
    for (const body of [
      { languages: ['english'] },
      { hashtags: ['two words'] },
      { exclusions: Array.from({ length: 201 }, (_, i) => `x${i}`) },
    ]) {
      const refused = await api.request('PATCH', path, { as: admin, body });
      expect(refused.status).toBe(400);
      expect(refused.json.error?.code).toBeTruthy();
    }
    const listed = await api.request('GET', `${ws}/brands`, { as: owner });
    expect(listed.json.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Northwind', exclusions: ['northwind trail'] }),
      ]),
    );
  });

  it('answers 404 for a brand that does not exist', async () => {
    const answer = await api.request('PATCH', `${ws}/brands/${randomUUID()}`, {
      as: owner,
      body: { name: 'Ghost' },
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error?.code).toBe('brand_not_found');
  });
});
