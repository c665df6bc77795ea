import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { addMention, seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { useCaseContextOf } from '../../../test/helpers/use-case.ts';
import { updateBrand } from '../../app/brands/brands.ts';

let database: TestDatabase;
let seeded: SeededWorkspace;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedWorkspace(database.store.db, 'Ideas channel');
});
afterAll(async () => database?.close());

const socialIntentOf = async (mentionId: string) => {
  const row = await database.store.db
    .selectFrom('mentions')
    .select('triage')
    .where('id', '=', mentionId)
    .executeTakeFirstOrThrow();
  return (row.triage as { socialIntent?: string } | null)?.socialIntent;
};

describe("a brand's ideas channel at intake", () => {
  it('triages posts naming it as ideas, and only those', async () => {
    const context = useCaseContextOf(database, seeded, 'admin');
    const brand = await updateBrand(
      database.store.db,
      seeded.workspaceId,
      seeded.brandId,
      { handles: ['@acme', '@acmeideas'], hashtags: ['AcmeIdeas'], ideasTerms: ['@acmeideas'] },
      context,
    );
    expect(brand.ideasTerms).toEqual(['@acmeideas']);
    const idea = await addMention(database.store.db, seeded, {
      text: '@acmeideas let me pick a seat',
    });
    const other = await addMention(database.store.db, seeded, { text: '@acme where is my bag' });
    expect(await socialIntentOf(idea.mentionId)).toBe('idea');
    expect(await socialIntentOf(other.mentionId)).toBeUndefined();
  });

  it("refuses an ideas channel that is not one of the brand's handles or hashtags", async () => {
    const context = useCaseContextOf(database, seeded, 'admin');
    await expect(
      updateBrand(
        database.store.db,
        seeded.workspaceId,
        seeded.brandId,
        { ideasTerms: ['#notours'] },
        context,
      ),
    ).rejects.toMatchObject({ code: 'validation_failed', details: { stray: ['#notours'] } });
  });
});
