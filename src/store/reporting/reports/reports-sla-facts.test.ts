import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { createTestDatabase } from '../../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../../test/helpers/database.ts';
import { addMention, seedWorkspace } from '../../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../../test/helpers/seed.ts';
import { findSlaReport } from './reports-sla.ts';
import type { Database } from '../../schema.ts';

const dayMs = 86_400_000;
const now = new Date();
const today = new Date(Math.floor(now.getTime() / dayMs) * dayMs);
const hours = (n: number) => n * 3_600_000;

let database: TestDatabase;
let db: Kysely<Database>;
let acme: SeededWorkspace;

/** A conversation opened at `opened` with a first-response target, answered or not. */
async function target(opened: Date, due: Date, responded: Date | null) {
  const { conversationId } = await addMention(db, acme, { postedAt: opened });
  await sql`update conversations set created_at = ${opened}, first_response_due_at = ${due},
      first_responded_at = ${responded}
    where id = ${conversationId}`.execute(db);
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.store.db;
  acme = await seedWorkspace(db, 'Targets');
  const yesterday = new Date(today.getTime() - dayMs);
  // Answered in time; answered late; due earlier today and still waiting (decided: missed);
  // due in an hour (not decided yet); opened today, answered in time.
  await target(
    new Date(yesterday.getTime() + hours(10)),
    new Date(yesterday.getTime() + hours(11)),
    new Date(yesterday.getTime() + hours(10.5)),
  );
  await target(
    new Date(yesterday.getTime() + hours(12)),
    new Date(yesterday.getTime() + hours(13)),
    new Date(yesterday.getTime() + hours(15)),
  );
  await target(new Date(yesterday.getTime() + hours(20)), new Date(now.getTime() - 60_000), null);
  await target(new Date(yesterday.getTime() + hours(21)), new Date(now.getTime() + hours(1)), null);
  await target(
    new Date(now.getTime() - 120_000),
    new Date(now.getTime() + hours(1)),
    new Date(now.getTime() - 60_000),
  );
});

afterAll(() => database.close());

describe('SLA targets from the reporting facts', () => {
  it('counts whole days from the rollups and the rest from the facts, deciding by now', async () => {
    const filter: ReportFilter = {
      workspaceId: acme.workspaceId,
      from: new Date(today.getTime() - 2 * dayMs),
      to: new Date(now.getTime() + 1000),
      timeZone: 'UTC',
    };
    const report = await findSlaReport(db, filter);
    expect(report).toMatchObject({ withFirstResponseTarget: 4, answeredWithinSla: 2 });
    // The brand and network together read only the facts: the same answer.
    const fromFacts = await findSlaReport(db, {
      ...filter,
      brandId: acme.brandId,
      network: 'bluesky',
    });
    expect(fromFacts).toEqual(report);
    // An answer, in time, to the one not due yet decides it (a first answer refolds its day).
    const waiting = await sql<{ id: string }>`select id from conversations
      where workspace_id = ${acme.workspaceId} and first_responded_at is null
      order by first_response_due_at desc limit 1`.execute(db);
    await sql`update conversations set first_responded_at = ${new Date(now.getTime() - 30_000)}
      where id = ${waiting.rows[0]!.id}`.execute(db);
    expect(await findSlaReport(db, filter)).toMatchObject({
      withFirstResponseTarget: 5,
      answeredWithinSla: 3,
    });
  });
});
