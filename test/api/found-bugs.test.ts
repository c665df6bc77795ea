import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../helpers/api.ts';
import type { TestApi } from '../helpers/api.ts';
import { seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

// Tests for bugs the API tests found. Fixed ones move to the file they belong to; this one is
// fixed (f75b7f8) but belongs in test/api/auth.test.ts, which is not this file's author's to edit.

let api: TestApi;
let acme: SeededWorkspace;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Bugs');
});
afterAll(async () => api?.close());

describe('bugs found', () => {
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
});
