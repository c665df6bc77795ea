import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { addMention, seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { useCaseContextOf } from '../../../test/helpers/use-case.ts';
import { listConversationEvents } from '../../store/events.repository.ts';
import type { UseCaseContext } from '../use-case.ts';
import { assignConversation } from './assign-conversation.ts';

let database: TestDatabase;
let seeded: SeededWorkspace;
let context: UseCaseContext;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedWorkspace(database.store.db, 'Assign');
  context = useCaseContextOf(database, seeded, 'admin');
});
afterAll(async () => database?.close());

const assignments = async (conversationId: string) =>
  (await listConversationEvents(database.store.db, seeded.workspaceId, conversationId)).filter(
    (event) => event.type === 'conversation.assigned',
  );

describe('assignConversation', () => {
  it('gives the conversation to an agent, recorded as done by the acting member', async () => {
    const { conversationId } = await addMention(database.store.db, seeded);
    const item = await assignConversation(context, conversationId, seeded.users.agent.id);
    expect(item.assigneeId).toBe(seeded.users.agent.id);
    const [event] = await assignments(conversationId);
    expect(event).toMatchObject({ actor_type: 'user', actor_id: seeded.users.admin.id });
  });

  it('refuses a viewer as assignee before touching the conversation', async () => {
    const { conversationId } = await addMention(database.store.db, seeded);
    await expect(
      assignConversation(context, conversationId, seeded.users.viewer.id),
    ).rejects.toMatchObject({ code: 'user_not_found' });
    expect(await assignments(conversationId)).toEqual([]);
  });

  it('unassigns with null, and assigning the same member again changes nothing', async () => {
    const { conversationId } = await addMention(database.store.db, seeded);
    await assignConversation(context, conversationId, seeded.users.agent.id);
    await assignConversation(context, conversationId, seeded.users.agent.id);
    expect(await assignments(conversationId)).toHaveLength(1);
    const item = await assignConversation(context, conversationId, null);
    expect(item.assigneeId).toBeNull();
  });
});
