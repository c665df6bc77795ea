import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchemaSql, schemaSqlPath } from '../../scripts/schema-sql.ts';

// docs/schema.sql is generated from the migrations on PGlite on either run, so the file has one
// right content whichever store the suite runs on. Written by another process (npm run
// schema:sql), it also shows that the output does not change from one run to the next.
describe('docs/schema.sql', () => {
  it('is what the migrations give today', async () => {
    const current = await buildSchemaSql();
    const written = readFileSync(schemaSqlPath, 'utf8');
    expect(written, 'docs/schema.sql is not current: run npm run schema:sql').toBe(current);
  });
});
