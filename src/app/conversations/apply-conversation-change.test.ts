import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { addMention, seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { setStatus, snooze, tag } from '../../domain/conversation.ts';
import { changesChannel, parseChangeNotice } from '../../store/changes.ts';
import type { ChangeNotice } from '../../store/changes.ts';
import { listConversationEvents } from '../../store/events.repository.ts';
import { AppError } from '../app-error.ts';
import { applyConversationChange } from './apply-conversation-change.ts';

let database: TestDatabase;
let seeded: SeededWorkspace;
const notices: ChangeNotice[] = [];
let unlisten: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedWorkspace(database.store.db, 'Change');
  unlisten = await database.store.listen(changesChannel, (payload) => {
    const notice = parseChangeNotice(payload);
    if (notice) notices.push(notice);
  });
});
afterAll(async () => {
  await unlisten?.();
  await database?.close();
});

const now = new Date('2026-12-01T10:00:00Z');
const change = (conversationId: string) => ({
  workspaceId: seeded.workspaceId,
  conversationId,
  actor: { type: 'user' as const, id: seeded.users.agent.id },
  now,
});
const noticesFor = (conversationId: string) =>
  notices.filter((notice) => notice.conversationId === conversationId).map((n) => n.type);
const eventTypesOf = async (conversationId: string) =>
  (await listConversationEvents(database.store.db, seeded.workspaceId, conversationId)).map(
    (event) => event.type,
  );

describe('applyConversationChange', () => {
  it('stores the new state and its event, and tells listeners once it commits', async () => {
    const { conversationId } = await addMention(database.store.db, seeded);
    const before = await eventTypesOf(conversationId);
    const item = await applyConversationChange(
      database.store,
      change(conversationId),
      (conversation, actor, at) => setStatus(conversation, 'resolved', actor, at),
    );
    expect(item.status).toBe('resolved');
    expect(await eventTypesOf(conversationId)).toEqual([...before, 'conversation.status_changed']);
    await expect.poll(() => noticesFor(conversationId)).toContain('conversation.updated');
  });

  it('refuses a transition the rule refuses, writing no state, no event and no notice', async () => {
    const { conversationId } = await addMention(database.store.db, seeded);
    const { conversationId: witness } = await addMention(database.store.db, seeded);
    const before = await eventTypesOf(conversationId);
    const noticesBefore = noticesFor(conversationId).length;
    const refused = applyConversationChange(
      database.store,
      change(conversationId),
      (conversation, actor, at) => snooze(conversation, new Date(at.getTime() - 1), actor, at),
    );
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'snooze_in_past' });
    expect(await eventTypesOf(conversationId)).toEqual(before);
    // Notices arrive in commit order: once a later change's notice is here, none came for ours.
    await applyConversationChange(database.store, change(witness), (conversation, actor, at) =>
      tag(conversation, 'witness', actor, at),
    );
    await expect.poll(() => noticesFor(witness)).toContain('conversation.updated');
    expect(noticesFor(conversationId)).toHaveLength(noticesBefore);
    const row = await database.store.db
      .selectFrom('conversations')
      .select(['status', 'snoozed_until'])
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(row.snoozed_until).toBeNull();
    expect(row.status).not.toBe('snoozed');
  });

  it('answers conversation_not_found for a conversation of another workspace', async () => {
    const other = await seedWorkspace(database.store.db, 'Elsewhere');
    const { conversationId } = await addMention(database.store.db, other);
    await expect(
      applyConversationChange(database.store, change(conversationId), (conversation, actor, at) =>
        tag(conversation, 'stranger', actor, at),
      ),
    ).rejects.toMatchObject({ code: 'conversation_not_found' });
    expect(await eventTypesOf(conversationId)).not.toContain('conversation.tagged');
  });

  it('applies two changes at once one after the other, so neither overwrites the other', async () => {
    const { conversationId } = await addMention(database.store.db, seeded);
    const tagWith = (name: string) =>
      applyConversationChange(database.store, change(conversationId), (conversation, actor, at) =>
        tag(conversation, name, actor, at),
      );
    await Promise.all([tagWith('billing'), tagWith('urgent')]);
    const row = await database.store.db
      .selectFrom('conversations')
      .select('tags')
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(row.tags).toEqual(['billing', 'urgent']);
  });
});
