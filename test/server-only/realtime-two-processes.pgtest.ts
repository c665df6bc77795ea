import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { seedUser } from '../helpers/seed.ts';

// A browser connected to one Earshot process hears what another process stored: the change
// travels through PostgreSQL's NOTIFY, not through memory.

const run = promisify(execFile);
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ web: false });
});
afterAll(async () => app?.close());

async function login(email: string, password: string) {
  const response = await fetch(`${app.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

it("streams a mention stored by another process to the workspace's members, and refuses non-members", async () => {
  const cookie = await login(app.owner.email, app.owner.password);
  const controller = new AbortController();
  const response = await fetch(`${app.baseUrl}/api/v1/events?workspace=${app.workspaceId}`, {
    headers: { cookie },
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let received = '';
  const readUntil = async (needle: string) => {
    while (!received.includes(needle)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before "${needle}"`);
      received += decoder.decode(value, { stream: true });
    }
  };
  await readUntil('event: ready');

  const outsider = await seedUser(app.running.store.db);
  const outsiderCookie = await login(outsider.email, outsider.password);
  const refused = await fetch(`${app.baseUrl}/api/v1/events?workspace=${app.workspaceId}`, {
    headers: { cookie: outsiderCookie },
  });
  expect(refused.status).toBe(404);

  const externalId = `https://example.social/@someone/${Date.now()}`;
  await run(process.execPath, [
    'test/server-only/child-ingest.ts',
    app.databaseUrl!,
    app.workspaceId,
    app.seeded.brandId,
    externalId,
  ]);
  await readUntil('event: conversation.created');
  expect(received).toContain(`"workspaceId":"${app.workspaceId}"`);
  controller.abort();
});
