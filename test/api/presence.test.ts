import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../src/store/changes.ts';
import { RealtimeHub } from '../../src/api/realtime.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

let clock = new Date('2026-11-29T12:00:00Z');
const later = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

let api: TestApi;
let ws: SeededWorkspace;
let other: SeededWorkspace;
let agent: Caller;
let admin: Caller;
let stranger: Caller;
let conversationId: string;
let path: string;

beforeAll(async () => {
  api = await createTestApi({ now: () => clock });
  ws = await seedWorkspace(api.db, 'Presence');
  other = await seedWorkspace(api.db, 'Elsewhere');
  agent = await api.login(ws.users.agent);
  admin = await api.login(ws.users.admin);
  stranger = await api.login(other.users.owner);
  conversationId = (await addMention(api.db, ws, { text: 'anyone there?' })).conversationId;
  path = `/api/v1/workspaces/${ws.workspaceId}/conversations/${conversationId}/presence`;
});
afterAll(async () => api?.close());

async function say(as: Caller, state: string) {
  const answer = await api.request('POST', path, { as, body: { state } });
  expect(answer.status, answer.text).toBe(200);
  return answer.json.items as Array<{ userId: string; state: string }>;
}
async function present(as: Caller = admin) {
  const answer = await api.request('GET', path, { as });
  expect(answer.status, answer.text).toBe(200);
  return (answer.json.items as Array<{ userId: string; state: string }>).map(
    (item) => `${item.userId === ws.users.agent.id ? 'agent' : 'admin'}:${item.state}`,
  );
}

describe('presence on a conversation', () => {
  it('shows who views and who types, and fades when they stop saying so', async () => {
    expect(await say(agent, 'viewing')).toEqual([
      expect.objectContaining({ userId: ws.users.agent.id, state: 'viewing' }),
    ]);
    await say(admin, 'typing');
    expect((await present()).sort()).toEqual(['admin:typing', 'agent:viewing']);
    later(10); // typing fades after 6 s, viewing stays 40 s
    expect((await present()).sort()).toEqual(['admin:viewing', 'agent:viewing']);
    later(35);
    expect(await present()).toEqual([]);
  });

  it('forgets a member who left at once', async () => {
    await say(agent, 'typing');
    expect(await present()).toEqual(['agent:typing']);
    expect(await say(agent, 'left')).toEqual([]);
    expect(await present()).toEqual([]);
  });

  it('is heard by every process on the database, and by their live streams', async () => {
    // A second process's hub, listening on the same database.
    const hub = new RealtimeHub();
    await hub.start(api.store, pino({ level: 'silent' }));
    const heard: ChangeNotice[] = [];
    const unsubscribe = hub.subscribe(ws.workspaceId, (notice) => heard.push(notice));
    try {
      await say(admin, 'typing');
      await expect
        .poll(() => hub.presence.list(ws.workspaceId, conversationId, clock))
        .toEqual([expect.objectContaining({ userId: ws.users.admin.id, state: 'typing' })]);
      expect(heard).toContainEqual(
        expect.objectContaining({
          type: 'presence.updated',
          conversationId,
          userId: ws.users.admin.id,
          state: 'typing',
        }),
      );
    } finally {
      unsubscribe();
      await hub.stop();
    }
  });

  it("refuses another workspace's conversation and unknown states", async () => {
    const elsewhere = `/api/v1/workspaces/${other.workspaceId}/conversations/${conversationId}/presence`;
    const notFound = await api.request('POST', elsewhere, {
      as: stranger,
      body: { state: 'viewing' },
    });
    expect(notFound.status).toBe(404);
    expect(notFound.json.error?.code).toBe('conversation_not_found');
    const bad = await api.request('POST', path, { as: agent, body: { state: 'lurking' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.code).toBe('validation_failed');
  });
});
