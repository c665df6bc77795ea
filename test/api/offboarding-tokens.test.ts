import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccountSettings } from '../../src/api/auth/account-settings.ts';
import { upsertMembership } from '../../src/store/workspaces.repository.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { openReadyStream } from '../helpers/event-stream.ts';
import { addMention, seedUser, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// Issue 17, points 3 and 4: offboarding, token scopes and expiry, sessions' idle timeout and
// lifetime, on a real server and database.

let api: TestApi;
let clock = new Date('2026-04-01T08:00:00Z');

beforeAll(async () => {
  api = await createTestApi({ now: () => clock });
});
afterAll(async () => api?.close());

const wsPath = (seeded: SeededWorkspace) => `/api/v1/workspaces/${seeded.workspaceId}`;

async function tokenFor(as: Caller, body: Record<string, unknown> = {}): Promise<Caller> {
  const created = await api.request('POST', '/api/v1/tokens', {
    as,
    body: { name: 'script', ...body },
  });
  expect(created.status, created.text).toBe(201);
  return { bearer: created.json.token as string };
}

/** A conversation of the workspace, assigned to `assigneeId` by its admin. */
async function heldBy(seeded: SeededWorkspace, admin: Caller, assigneeId: string) {
  const { conversationId } = await addMention(api.db, seeded, {
    text: 'still waiting on my order',
  });
  const assigned = await api.request(
    'POST',
    `${wsPath(seeded)}/conversations/${conversationId}/assign`,
    { as: admin, body: { assigneeId } },
  );
  expect(assigned.status, assigned.text).toBe(200);
  return conversationId;
}

async function conversation(seeded: SeededWorkspace, as: Caller, id: string) {
  const answer = await api.request('GET', `${wsPath(seeded)}/conversations/${id}`, { as });
  expect(answer.status, answer.text).toBe(200);
  return answer.json as {
    conversation: { assigneeId: string | null; status: string };
    events: Array<{ type: string; data: Record<string, unknown> }>;
  };
}

describe('deactivating a user', () => {
  it('ends their sessions, tokens and streams at once, refuses their login, and returns their open conversations to the queue', async () => {
    const acme = await seedWorkspace(api.db, 'Offboard');
    const admin = await api.login(acme.users.admin);
    const leaver = acme.users.agent;
    const session = await api.login(leaver);
    const token = await tokenFor(session);
    const stream = await openReadyStream(api, acme.workspaceId, session);
    const held = await heldBy(acme, admin, leaver.id);
    const note = await api.request('POST', `${wsPath(acme)}/conversations/${held}/notes`, {
      as: session,
      body: { body: 'customer called twice' },
    });
    expect(note.status).toBe(201);

    const done = await api.request('POST', `${wsPath(acme)}/members/deactivate`, {
      as: admin,
      body: { userId: leaver.id },
    });
    expect(done.status, done.text).toBe(200);
    expect(done.json).toEqual({ released: 1 });
    expect(await stream.ended()).toBe('closed');
    expect((await api.request('GET', '/api/v1/session', { as: session })).status).toBe(401);
    expect((await api.request('GET', '/api/v1/session', { as: token })).status).toBe(401);
    await expect(api.login(leaver)).rejects.toThrow(/401/);

    const after = await conversation(acme, admin, held);
    expect(after.conversation.assigneeId).toBeNull();
    const moved = after.events.filter((e) => e.type === 'conversation.assigned').at(-1)!;
    expect(moved.data).toMatchObject({ from: leaver.id, to: null, reason: 'user_deactivated' });
    // What they wrote stays.
    expect(JSON.stringify(after)).toContain('customer called twice');
    const members = await api.request('GET', `${wsPath(acme)}/members`, { as: admin });
    expect(members.json.items).toContainEqual(
      expect.objectContaining({ userId: leaver.id, available: false }),
    );
  });

  it('hands their conversations to a named teammate instead', async () => {
    const acme = await seedWorkspace(api.db, 'Handover');
    const admin = await api.login(acme.users.admin);
    const held = await heldBy(acme, admin, acme.users.agent.id);
    const done = await api.request('POST', `${wsPath(acme)}/members/deactivate`, {
      as: admin,
      body: { userId: acme.users.agent.id, reassignTo: acme.users.admin.id },
    });
    expect(done.status).toBe(200);
    expect((await conversation(acme, admin, held)).conversation.assigneeId).toBe(
      acme.users.admin.id,
    );
  });

  it('needs admin in every workspace the user belongs to, and never themselves', async () => {
    const acme = await seedWorkspace(api.db, 'Mine');
    const other = await seedWorkspace(api.db, 'Theirs');
    const admin = await api.login(acme.users.admin);
    const shared = await seedUser(api.db, 'Shared');
    for (const seeded of [acme, other])
      await upsertMembership(api.db, {
        workspaceId: seeded.workspaceId,
        userId: shared.id,
        role: 'agent',
      });
    const refused = await api.request('POST', `${wsPath(acme)}/members/deactivate`, {
      as: admin,
      body: { userId: shared.id },
    });
    expect(refused.status).toBe(403);
    await api.login(shared);
    const self = await api.request('POST', `${wsPath(acme)}/members/deactivate`, {
      as: admin,
      body: { userId: acme.users.admin.id },
    });
    expect(self.status).toBe(403);
    const agent = await api.login(acme.users.agent);
    const byAgent = await api.request('POST', `${wsPath(acme)}/members/deactivate`, {
      as: agent,
      body: { userId: acme.users.viewer.id },
    });
    expect(byAgent.status).toBe(403);
  });
});

describe('removing a member', () => {
  it('returns their open conversations to the queue, recorded as events', async () => {
    const acme = await seedWorkspace(api.db, 'Remove');
    const owner = await api.login(acme.users.owner);
    const held = await heldBy(acme, owner, acme.users.agent.id);
    const removed = await api.request('DELETE', `${wsPath(acme)}/members/${acme.users.agent.id}`, {
      as: owner,
    });
    expect(removed.status).toBe(204);
    const after = await conversation(acme, owner, held);
    expect(after.conversation.assigneeId).toBeNull();
    expect(
      after.events.filter((e) => e.type === 'conversation.assigned').at(-1)!.data,
    ).toMatchObject({ to: null, reason: 'member_removed' });
  });

  it('or to a named teammate', async () => {
    const acme = await seedWorkspace(api.db, 'Remove to');
    const owner = await api.login(acme.users.owner);
    const held = await heldBy(acme, owner, acme.users.agent.id);
    const removed = await api.request(
      'DELETE',
      `${wsPath(acme)}/members/${acme.users.agent.id}?reassignTo=${acme.users.admin.id}`,
      { as: owner },
    );
    expect(removed.status).toBe(204);
    expect((await conversation(acme, owner, held)).conversation.assigneeId).toBe(
      acme.users.admin.id,
    );
  });
});

describe('roles and token scopes', () => {
  it('applies a role change on the next request, tokens included', async () => {
    const acme = await seedWorkspace(api.db, 'Demote');
    const owner = await api.login(acme.users.owner);
    const agent = await api.login(acme.users.agent);
    const token = await tokenFor(agent);
    const { conversationId } = await addMention(api.db, acme, { text: 'hello there' });
    const notePath = `${wsPath(acme)}/conversations/${conversationId}/notes`;
    const before = await api.request('POST', notePath, { as: token, body: { body: 'one' } });
    expect(before.status).toBe(201);
    const demoted = await api.request(
      'PUT',
      `${wsPath(acme)}/members/${acme.users.agent.id}/role`,
      {
        as: owner,
        body: { role: 'viewer' },
      },
    );
    expect(demoted.status).toBe(200);
    for (const caller of [token, agent]) {
      const after = await api.request('POST', notePath, { as: caller, body: { body: 'two' } });
      expect(after.status).toBe(403);
    }
  });

  it('gives a token no more than its creator’s role, and a read token cannot write', async () => {
    const acme = await seedWorkspace(api.db, 'Scopes');
    const viewer = await api.login(acme.users.viewer);
    const tooMuch = await api.request('POST', '/api/v1/tokens', {
      as: viewer,
      body: { name: 'x', scope: 'agent' },
    });
    expect(tooMuch.status).toBe(403);
    const agent = await api.login(acme.users.agent);
    const adminScope = await api.request('POST', '/api/v1/tokens', {
      as: agent,
      body: { name: 'x', scope: 'admin' },
    });
    expect(adminScope.status).toBe(403);

    const owner = await api.login(acme.users.owner);
    const read = await tokenFor(owner, { scope: 'read' });
    const list = await api.request('GET', `${wsPath(acme)}/conversations`, { as: read });
    expect(list.status).toBe(200);
    const { conversationId } = await addMention(api.db, acme, { text: 'read only please' });
    const write = await api.request(
      'POST',
      `${wsPath(acme)}/conversations/${conversationId}/notes`,
      { as: read, body: { body: 'nope' } },
    );
    expect(write.status).toBe(403);
    const team = await api.request('POST', `${wsPath(acme)}/teams`, {
      as: read,
      body: { name: 'nope' },
    });
    expect(team.status).toBe(403);
    const mint = await api.request('POST', '/api/v1/tokens', { as: read, body: { name: 'more' } });
    expect(mint.status).toBe(403);

    const agentScope = await tokenFor(owner, { scope: 'agent' });
    const note = await api.request(
      'POST',
      `${wsPath(acme)}/conversations/${conversationId}/notes`,
      { as: agentScope, body: { body: 'fine' } },
    );
    expect(note.status).toBe(201);
    const adminOnly = await api.request('POST', `${wsPath(acme)}/teams`, {
      as: agentScope,
      body: { name: 'nope' },
    });
    expect(adminOnly.status).toBe(403);
  });

  it('stops a token at its expiry', async () => {
    const acme = await seedWorkspace(api.db, 'Expiry');
    const agent = await api.login(acme.users.agent);
    const past = await api.request('POST', '/api/v1/tokens', {
      as: agent,
      body: { name: 'old', expiresAt: new Date(clock.getTime() - 1000).toISOString() },
    });
    expect(past.status).toBe(422);
    const expiresAt = new Date(clock.getTime() + 3600_000).toISOString();
    const token = await tokenFor(agent, { expiresAt });
    const mine = await api.request('GET', '/api/v1/tokens', { as: agent });
    expect(mine.json.items).toContainEqual(expect.objectContaining({ expiresAt, scope: 'agent' }));
    expect((await api.request('GET', '/api/v1/session', { as: token })).status).toBe(200);
    clock = new Date(clock.getTime() + 3600_000 + 1000);
    expect((await api.request('GET', '/api/v1/session', { as: token })).status).toBe(401);
  });

  it('lets an admin list and revoke any token of their workspace, and no other', async () => {
    const acme = await seedWorkspace(api.db, 'Tokens');
    const other = await seedWorkspace(api.db, 'Other tokens');
    const admin = await api.login(acme.users.admin);
    const agentToken = await api.request('POST', '/api/v1/tokens', {
      as: await api.login(acme.users.agent),
      body: { name: 'agent script' },
    });
    const outsider = await tokenFor(await api.login(other.users.agent));
    const listed = await api.request('GET', `${wsPath(acme)}/tokens`, { as: admin });
    expect(listed.status).toBe(200);
    expect(listed.json.items).toContainEqual(
      expect.objectContaining({
        id: agentToken.json.id,
        name: 'agent script',
        user: expect.objectContaining({ id: acme.users.agent.id }),
      }),
    );
    expect(listed.text).not.toContain(agentToken.json.token as string);
    expect(
      (listed.json.items as Array<{ user: { id: string } }>).every(
        (t) => t.user.id !== other.users.agent.id,
      ),
    ).toBe(true);
    const revoked = await api.request(
      'DELETE',
      `${wsPath(acme)}/tokens/${agentToken.json.id as string}`,
      { as: admin },
    );
    expect(revoked.status).toBe(204);
    const dead = { bearer: agentToken.json.token as string };
    expect((await api.request('GET', '/api/v1/session', { as: dead })).status).toBe(401);
    expect((await api.request('GET', '/api/v1/session', { as: outsider })).status).toBe(200);
  });
});

describe('sessions', () => {
  it('end after the idle timeout, and stay while used', async () => {
    const acme = await seedWorkspace(api.db, 'Idle');
    const used = await api.login(acme.users.agent);
    const idle = await api.login(acme.users.agent);
    for (let step = 0; step < 3; step += 1) {
      clock = new Date(clock.getTime() + 7 * 3600_000);
      expect((await api.request('GET', '/api/v1/session', { as: used })).status).toBe(200);
    }
    expect((await api.request('GET', '/api/v1/session', { as: idle })).status).toBe(401);
  });

  it('end at their absolute lifetime however used', async () => {
    api.deps.accounts = { ...defaultAccountSettings, sessionLifetimeMs: 10 * 3600_000 };
    try {
      const acme = await seedWorkspace(api.db, 'Lifetime');
      const session = await api.login(acme.users.agent);
      clock = new Date(clock.getTime() + 6 * 3600_000);
      expect((await api.request('GET', '/api/v1/session', { as: session })).status).toBe(200);
      clock = new Date(clock.getTime() + 5 * 3600_000);
      expect((await api.request('GET', '/api/v1/session', { as: session })).status).toBe(401);
    } finally {
      api.deps.accounts = undefined;
    }
  });

  it('are listed to their user, who can end one, closing its streams', async () => {
    const acme = await seedWorkspace(api.db, 'Mine only');
    const here = await api.login(acme.users.agent);
    const laptop = await api.login(acme.users.agent);
    const stranger = await api.login(acme.users.viewer);
    const stream = await openReadyStream(api, acme.workspaceId, laptop);
    const listed = await api.request('GET', '/api/v1/auth/sessions', { as: here });
    const items = listed.json.items as Array<{ id: string; current: boolean }>;
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    expect(listed.text).not.toMatch(/ess_|token_hash/);
    const other = items.find((s) => !s.current)!;
    const notTheirs = await api.request('DELETE', `/api/v1/auth/sessions/${other.id}`, {
      as: stranger,
    });
    expect(notTheirs.status).toBe(404);
    const ended = await api.request('DELETE', `/api/v1/auth/sessions/${other.id}`, { as: here });
    expect(ended.status).toBe(204);
    expect(await stream.ended()).toBe('closed');
    expect((await api.request('GET', '/api/v1/session', { as: laptop })).status).toBe(401);
    expect((await api.request('GET', '/api/v1/session', { as: here })).status).toBe(200);
  });
});
