import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/store/users.repository.ts';
import { upsertMembership } from '../../src/store/workspaces.repository.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

interface Mentions {
  unseen: number;
  items: Array<{ noteId: string; conversationId: string; body: string; seenAt: string | null }>;
}

let api: TestApi;
let acme: SeededWorkspace;
let agent: Caller;
let admin: Caller;
let conversationId: string;
const base = () => `/api/v1/workspaces/${acme.workspaceId}`;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Notes');
  agent = await api.login(acme.users.agent);
  admin = await api.login(acme.users.admin);
  conversationId = (await addMention(api.db, acme, { text: 'Where is my parcel?' })).conversationId;
});
afterAll(async () => api?.close());

const addNote = (as: Caller, body: string) =>
  api.request('POST', `${base()}/conversations/${conversationId}/notes`, { as, body: { body } });

async function mentionsOf(as: Caller): Promise<Mentions> {
  const answer = await api.request('GET', `${base()}/note-mentions`, { as });
  expect(answer.status, answer.text).toBe(200);
  return answer.json as unknown as Mentions;
}

describe('notes that mention teammates', () => {
  it('stores whom a note names, records note.mentioned, and lists it for them until seen', async () => {
    const note = await addNote(agent, '@Notes admin can you approve a refund? cc @Notes viewer');
    expect(note.status, note.text).toBe(201);
    expect(note.json.mentionedUserIds).toEqual([acme.users.admin.id, acme.users.viewer.id]);

    const events = await api.db
      .selectFrom('events')
      .select(['data', 'actor_id'])
      .where('workspace_id', '=', acme.workspaceId)
      .where('type', '=', 'note.mentioned')
      .execute();
    expect(events.map((e) => (e.data as { userId: string }).userId).sort()).toEqual(
      [acme.users.admin.id, acme.users.viewer.id].sort(),
    );
    expect(events.every((e) => e.actor_id === acme.users.agent.id)).toBe(true);

    const mine = await mentionsOf(admin);
    expect(mine.unseen).toBe(1);
    expect(mine.items).toEqual([
      expect.objectContaining({ noteId: note.json.id, conversationId, seenAt: null }),
    ]);
    expect((await mentionsOf(agent)).items).toEqual([]);

    const detail = await api.request('GET', `${base()}/conversations/${conversationId}`, {
      as: admin,
    });
    const notes = detail.json.notes as Array<{ id: string; mentionedUserIds: string[] }>;
    expect(notes.find((n) => n.id === note.json.id)?.mentionedUserIds).toHaveLength(2);

    const seen = await api.request('POST', `${base()}/note-mentions/seen`, {
      as: admin,
      body: { conversationId },
    });
    expect(seen.json).toEqual({ marked: 1 });
    const after = await mentionsOf(admin);
    expect(after.unseen).toBe(0);
    expect(after.items[0]!.seenAt).not.toBeNull();
  });

  it('cannot mention a user of another workspace, even by their exact name', async () => {
    const other = await seedWorkspace(api.db, 'Rival');
    const outsider = await createUser(api.db, {
      email: 'outsider@example.test',
      name: 'Olga Outsider',
      passwordHash: null,
    });
    await upsertMembership(api.db, {
      workspaceId: other.workspaceId,
      userId: outsider.id,
      role: 'agent',
    });
    const note = await addNote(agent, 'ask @Olga Outsider and @Rival owner');
    expect(note.status).toBe(201);
    expect(note.json.mentionedUserIds).toEqual([]);
    const stored = await api.db
      .selectFrom('note_mentions')
      .select('user_id')
      .where('note_id', '=', note.json.id as string)
      .execute();
    expect(stored).toEqual([]);
  });

  it('keeps hostile text as written and does not notify the author of their own name', async () => {
    const hostile = '<img src=x onerror=alert(1)> @Notes agent @Notes admin';
    const note = await addNote(agent, hostile);
    expect(note.json.body).toBe(hostile);
    expect(note.json.mentionedUserIds).toEqual([acme.users.admin.id]);
  });

  it("refuses to mark seen another workspace's conversation", async () => {
    const other = await seedWorkspace(api.db, 'Far');
    const theirs = await addMention(api.db, other, { text: 'hello' });
    const answer = await api.request('POST', `${base()}/note-mentions/seen`, {
      as: admin,
      body: { conversationId: theirs.conversationId },
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error?.code).toBe('conversation_not_found');
  });
});
