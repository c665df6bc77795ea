import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// Regression tests for bugs the API tests found (all fixed): the login limit keyed on a header
// the client writes, a reused Idempotency-Key with other content, and the last owner stepping down.

let api: TestApi;
let acme: SeededWorkspace;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Bugs');
});
afterAll(async () => api?.close());

describe('regressions', () => {
  // The login limit was keyed on the first X-Forwarded-For entry, which the client writes: a
  // made-up address per attempt guessed one account's password without limit.
  it('limits password guesses on one account however X-Forwarded-For is set', async () => {
    const email = acme.users.viewer.email;
    for (let i = 0; i < 11; i++) {
      await api.request('POST', '/api/v1/auth/login', {
        body: { email, password: `guess ${i}` },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
    }
    const answer = await api.request('POST', '/api/v1/auth/login', {
      body: { email, password: acme.users.viewer.password },
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(answer.status).toBe(429);
    expect(answer.json.error?.code).toBe('rate_limited');
  });

  // The IETF Idempotency-Key draft answers a reused key with a different payload with 422: the
  // client has a bug, and silently answering with the first reply hides that "two" was never sent.
  it('refuses an Idempotency-Key reused with a different reply text', async () => {
    const agent = await api.login(acme.users.agent);
    const { conversationId } = await addMention(api.db, acme);
    const path = `/api/v1/workspaces/${acme.workspaceId}/conversations/${conversationId}/replies`;
    const headers = { 'idempotency-key': 'same-key' };
    const first = await api.request('POST', path, { as: agent, body: { text: 'one' }, headers });
    expect(first.status).toBe(201);
    const other = await api.request('POST', path, { as: agent, body: { text: 'two' }, headers });
    expect(other.status).toBeGreaterThanOrEqual(400);
    expect(other.json.error?.code).toEqual(expect.any(String));
  });

  // Only owners can grant or take away the owner role, so a workspace whose last owner steps
  // down can never have one again.
  it('keeps at least one owner: the last owner cannot step down', async () => {
    const solo = await seedWorkspace(api.db, 'Solo');
    const owner = await api.login(solo.users.owner);
    const answer = await api.request(
      'PUT',
      `/api/v1/workspaces/${solo.workspaceId}/members/${solo.users.owner.id}/role`,
      { as: owner, body: { role: 'admin' } },
    );
    expect([403, 409]).toContain(answer.status);
    const members = await api.request('GET', `/api/v1/workspaces/${solo.workspaceId}/members`, {
      as: owner,
    });
    const roles = (members.json.items as Array<{ role: string }>).map((m) => m.role);
    expect(roles).toContain('owner');
  });
});
