import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// Issue 13 §5 and §6: bodies are checked before they are parsed (depth, UTF-8), every API
// answer says no-store, and every route is rate-limited.

let api: TestApi;
let acme: SeededWorkspace;
let owner: Caller;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Guards');
  owner = await api.login(acme.users.owner);
});
afterAll(async () => api?.close());

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
/** `{"name":"Caf<0xE9>"}`: Latin-1 é, which is not UTF-8. */
const latin1Name = Uint8Array.from([...Buffer.from('{"name":"Caf'), 0xe9, ...Buffer.from('"}')]);

describe('bodies are checked before they are parsed', () => {
  it('refuses JSON nested too deep with 400 json_too_deep, on a public route and a private one', async () => {
    const login = await api.request('POST', '/api/v1/auth/login', { rawBody: nested(500_000) });
    expect(login.status).toBe(400);
    expect(login.json).toEqual({
      error: { code: 'json_too_deep', message: expect.any(String), details: null },
    });
    const write = await api.request('POST', '/api/v1/workspaces', {
      as: owner,
      rawBody: `{"name":${nested(65)}}`,
    });
    expect(write.status).toBe(400);
    expect(write.json.error?.code).toBe('json_too_deep');
    // 64 levels are still read (and then refused by the schema, as any wrong type is).
    const deepButAllowed = await api.request('POST', '/api/v1/workspaces', {
      as: owner,
      rawBody: `{"name":${nested(63)}}`,
    });
    expect(deepButAllowed.json.error?.code).toBe('validation_failed');
  });

  it('refuses a body that is not UTF-8 with 400 invalid_utf8 instead of storing U+FFFD', async () => {
    const created = await api.request('POST', '/api/v1/workspaces', {
      as: owner,
      rawBody: latin1Name,
    });
    expect(created.status).toBe(400);
    expect(created.json.error?.code).toBe('invalid_utf8');
    const workspaces = await api.request('GET', '/api/v1/workspaces', { as: owner });
    expect(JSON.stringify(workspaces.json)).not.toContain('Caf\uFFFD');
    const login = await api.request('POST', '/api/v1/auth/login', {
      rawBody: Uint8Array.from([...Buffer.from('{"email":"a'), 0xff, ...Buffer.from('@b.c"}')]),
    });
    expect(login.status).toBe(400);
    expect(login.json.error?.code).toBe('invalid_utf8');
    const utf8 = await api.request('POST', '/api/v1/workspaces', {
      as: owner,
      rawBody: new TextEncoder().encode('{"name":"Café 👍"}'),
    });
    expect(utf8.status).toBe(201);
    expect(utf8.json.name).toBe('Café 👍');
  });
});

describe('no API answer is cached', () => {
  it('sends Cache-Control: no-store on every kind of API and webhook answer', async () => {
    const workspace = acme.workspaceId;
    const routes: [string, string, Caller | undefined][] = [
      ['GET', '/api/v1/session', owner],
      ['GET', `/api/v1/workspaces/${workspace}/conversations`, owner],
      ['GET', `/api/v1/workspaces/${workspace}/members`, owner],
      ['GET', '/api/v1/tokens', owner],
      ['GET', '/api/v1/session', undefined],
      ['GET', '/api/v1/no-such-route', owner],
      ['GET', '/api/openapi.json', undefined],
      ['POST', '/hooks/00000000-0000-4000-8000-000000000000', undefined],
    ];
    for (const [method, path, as] of routes) {
      const answer = await api.request(method, path, { ...(as ? { as } : {}) });
      expect({ path, cacheControl: answer.headers.get('cache-control') }).toEqual({
        path,
        cacheControl: 'no-store',
      });
    }
    const login = await api.request('POST', '/api/v1/auth/login', {
      body: { email: acme.users.agent.email, password: acme.users.agent.password },
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    const events = await api.app.request(`/api/v1/events?workspace=${workspace}`, {
      headers: { cookie: owner.cookie! },
    });
    expect(events.headers.get('cache-control')).toBe('no-store');
    await events.body?.cancel();
  });
});

describe('every route is rate-limited', () => {
  it('limits unauthenticated requests per client address, and wrong credentials count too', async () => {
    const limited = await createTestApi({
      trustProxy: true,
      requestLimits: { anonymousPerMinute: 5, callerPerMinute: 1000 },
    });
    try {
      const from = (address: string, path = '/health', headers: Record<string, string> = {}) =>
        limited.request('GET', path, { headers: { 'x-forwarded-for': address, ...headers } });
      for (let i = 0; i < 5; i++) expect((await from('203.0.113.9')).status).toBe(200);
      const refused = await from('203.0.113.9');
      expect(refused.status).toBe(429);
      expect(refused.json.error?.code).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await from('203.0.113.9', '/api/v1/auth/login')).status).toBe(429);
      expect((await from('198.51.100.4')).status).toBe(200);

      const badToken = { authorization: `Bearer esk_${'x'.repeat(40)}` };
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await from('192.0.2.7', '/api/v1/session', badToken)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      // A public route called with a cookie still counts against the address.
      const cookie = { cookie: 'earshot_session=ess_made_up' };
      for (let i = 0; i < 5; i++) await from('192.0.2.8', '/health', cookie);
      expect((await from('192.0.2.8', '/health', cookie)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('limits each session and token generously, apart from the others', async () => {
    const limited = await createTestApi({
      requestLimits: { anonymousPerMinute: 1000, callerPerMinute: 4 },
    });
    try {
      const team = await seedWorkspace(limited.db, 'Busy');
      const busy = await limited.login(team.users.agent);
      const calm = await limited.login(team.users.viewer);
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await limited.request('GET', '/api/v1/session', { as: busy })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
      expect((await limited.request('GET', '/api/v1/session', { as: calm })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
