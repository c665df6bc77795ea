import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { addMention, seedWorkspace } from '../../../test/helpers/seed.ts';
import { foldReportFactsOnce } from './report-facts-worker.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(() => database.close());

describe('report facts worker', () => {
  it('folds every workspace with queued conversations, then finds nothing to do', async () => {
    const db = database.store.db;
    const acme = await seedWorkspace(db, 'Acme');
    const other = await seedWorkspace(db, 'Other');
    await addMention(db, acme, { postedAt: new Date('2026-03-02T09:00:00Z') });
    await addMention(db, other, { postedAt: new Date('2026-03-02T10:00:00Z') });
    expect(await foldReportFactsOnce(database.store)).toBeGreaterThanOrEqual(2);
    const facts = await sql<{ workspace_id: string; n: number }>`select workspace_id,
        count(*)::int as n from report_messages group by 1`.execute(db);
    expect(Object.fromEntries(facts.rows.map((row) => [row.workspace_id, row.n]))).toEqual({
      [acme.workspaceId]: 1,
      [other.workspaceId]: 1,
    });
    expect(await foldReportFactsOnce(database.store)).toBe(0);
  });
});
