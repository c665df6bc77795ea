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

  // auth.routes.ts keys the login limit on the first X-Forwarded-For entry, which the client
  // writes: a new made-up address per attempt guesses one account's password without limit.
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
  });

  // Postgres text cannot hold U+0000 (every such write or search answers 500, the public login
  // included), and the database encoding turns a lone surrogate into U+FFFD silently.
  it.each([
    ['a NUL byte', 'before\u0000after'],
    ['a lone surrogate', 'half \ud83d face'],
  ])(
    'stores %s intact or refuses it with 400, never 500 or silently altered',
    async (_, hostile) => {
      const { conversationId } = await addMention(api.db, acme);
      const c = `${ws}/conversations/${conversationId}`;
      const text = (n: number) => `${hostile} ${n}`;
      const writes: Array<[string, string, (v: string) => unknown]> = [
        ['POST', '/api/v1/tokens', (v) => ({ name: v })],
        ['POST', '/api/v1/workspaces', (v) => ({ name: v })],
        [
          'POST',
          `${ws}/members`,
          (v) => ({ email: `x${Date.now()}@example.test`, name: v, role: 'agent' }),
        ],
        ['POST', `${ws}/teams`, (v) => ({ name: v })],
        ['POST', `${ws}/brands`, (v) => ({ name: v })],
        ['POST', `${ws}/brands`, (v) => ({ name: `k ${Date.now()}`, keywords: [v] })],
        ['PATCH', `${ws}/brands/${acme.brandId}`, (v) => ({ handles: [v] })],
        ['POST', `${c}/tags`, (v) => ({ tag: v })],
        ['POST', `${c}/notes`, (v) => ({ body: v })],
        ['POST', `${c}/replies`, (v) => ({ text: v })],
      ];
      const failures: string[] = [];
      for (const [n, [method, path, body]] of writes.entries()) {
        const answer = await api.request(method, path, { as: owner, body: body(text(n)) });
        const intact = answer.text.includes(JSON.stringify(text(n)).slice(1, -1));
        if (!(answer.status === 400 || (answer.status < 300 && intact)))
          failures.push(
            `${method} ${path.replace(ws, '{ws}')}: ${answer.status}${intact ? '' : ' altered'}`,
          );
      }
      for (const query of ['q', 'tag', 'network']) {
        const answer = await api.request(
          'GET',
          `${ws}/conversations?${query}=${encodeURIComponent(hostile)}`,
          { as: owner },
        );
        if (![200, 400].includes(answer.status))
          failures.push(`GET conversations?${query}: ${answer.status}`);
      }
      const login = await api.request('POST', '/api/v1/auth/login', {
        body: { email: `x${hostile}@example.test`, password: hostile },
      });
      if (![400, 401].includes(login.status))
        failures.push(`POST /api/v1/auth/login: ${login.status}`);
      expect(failures).toEqual([]);
    },
  );
});
