import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { seedUser } from '../../../test/helpers/seed.ts';
import { loadTriageModels } from '../../triage/models.ts';
import { createTriageAssess } from '../intake/assess.ts';
import { seedDemoWorkspace } from './demo.ts';

let database: TestDatabase;
let workspaceId: string;
const now = new Date('2026-11-23T12:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  const owner = await seedUser(database.store.db, 'Demo owner');
  const seeded = await seedDemoWorkspace(
    database.store.db,
    owner.id,
    now,
    createTriageAssess(loadTriageModels()),
    // The live posts' routing; the history is test/api/demo-workspace.test.ts's (and slow).
    { history: false },
  );
  workspaceId = seeded.workspace.id;
});
afterAll(async () => database?.close());

/** The demo conversation that a post starting with `text` opened. */
async function routedOf(text: string) {
  return database.store.db
    .selectFrom('mentions')
    .innerJoin('conversations', 'conversations.id', 'mentions.conversation_id')
    .leftJoin('teams', 'teams.id', 'conversations.team_id')
    .leftJoin('users', 'users.id', 'conversations.assignee_id')
    .select([
      'conversations.id',
      'teams.name as team',
      'users.name as assignee',
      'conversations.routing_reason as reason',
      'conversations.tags',
    ])
    .where('mentions.workspace_id', '=', workspaceId)
    .where('mentions.text', 'like', `${text}%`)
    .executeTakeFirstOrThrow();
}

describe('the demo workspace', () => {
  it('routes its conversations on first touch, as real ones would be', async () => {
    expect(await routedOf('@NorthwindAir charged twice')).toMatchObject({
      team: 'Billing',
      assignee: 'Ben Adeyemi',
      reason: "routed to Billing by rule 'Refunds and double charges'",
      tags: ['refund'],
    });
    expect(await routedOf('Third time asking: my bag')).toMatchObject({
      team: 'Baggage',
      assignee: 'Rosa Lead',
    });
  });

  it('answers the Swedish question automatically and gives it to the agent who reads Swedish', async () => {
    const swedish = await routedOf('Hej @northwindair');
    expect(swedish).toMatchObject({ team: 'Customer Care', assignee: 'Ana Kowalski' });
    const replies = await database.store.db
      .selectFrom('replies')
      .select(['text', 'status'])
      .where('conversation_id', '=', swedish.id)
      .execute();
    expect(replies).toEqual([{ text: expect.stringContaining('Tack'), status: 'queued' }]);
  });

  it('gives spam nobody', async () => {
    expect((await routedOf('🚀🚀 Northwind fans!')).assignee).toBeNull();
  });
});
