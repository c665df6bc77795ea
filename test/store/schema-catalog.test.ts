import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchemaCatalog } from '../../src/store/schema-catalog.ts';
import { createTestDatabase } from '../helpers/database.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { schemaDifferences } from './schema-differences.ts';
import { readDeclaredSchema } from './schema-types.ts';

// src/store/schema.ts is written by hand for Kysely's types; the migrations are the truth.
// This compares the two on whichever store the suite runs on (PGlite, or DATABASE_URL's server).

const schemaPath = fileURLToPath(new URL('../../src/store/schema.ts', import.meta.url));

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('src/store/schema.ts', () => {
  it('declares every migrated table and column with its type, nullability and insert rule', async () => {
    const catalog = await readSchemaCatalog(database.store.db);
    expect(catalog.columns.length).toBeGreaterThan(0);
    const differences = schemaDifferences(readDeclaredSchema(schemaPath), catalog);
    expect(differences, 'src/store/schema.ts differs from the migrated database').toEqual([]);
  });
});
