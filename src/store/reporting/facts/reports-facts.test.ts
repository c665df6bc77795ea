import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeTeam } from '../../../domain/conversation.ts';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { createTestDatabase } from '../../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../../test/helpers/database.ts';
import { addMention, seedWorkspace } from '../../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../../test/helpers/seed.ts';
import {
  findConversationForUpdate,
  saveTransition,
  toConversation,
} from '../../conversations.repository.ts';
import { foldPendingReportFacts, foldReportFactsBatch } from './report-facts-fold.ts';
import { splitRange } from './report-facts-scope.ts';
import { findFlowReport } from '../reports/reports-flow.ts';
import { findResponseReport } from '../reports/reports-responses.ts';
import { findHeatMap, findSentimentTrend, findVolumeReport } from '../reports/reports-volume.ts';
import type { Database } from '../../schema.ts';
import { createTeam } from '../../teams.repository.ts';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

let database: TestDatabase;
let db: Kysely<Database>;
let acme: SeededWorkspace;
let conversations: string[];

/** A customer's post and the brand's answer `answerAfter` minutes later, in one thread. */
async function exchange(minute: number, answerAfter: number): Promise<string> {
  const { conversationId, mention } = await addMention(db, acme, { postedAt: at(minute) });
  await addMention(db, acme, {
    postedAt: at(minute + answerAfter),
    fromBrand: true,
    author: { externalId: 'did:plc:brand', handle: 'acme.test' },
    parentExternalId: mention.externalId,
    rootExternalId: mention.externalId,
  });
  return conversationId;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.store.db;
  acme = await seedWorkspace(db, 'Facts');
  // Posts spread over two days at odd minutes, so quarter and day boundaries fall between them.
  conversations = [];
  for (const [minute, wait] of [
    [7, 3],
    [22, 50],
    [400, 8],
    [1439, 2],
    [1441, 95],
    [2000, 1],
  ] as const)
    conversations.push(await exchange(minute, wait));
});

afterAll(() => database.close());

const reports = {
  responses: findResponseReport,
  flow: findFlowReport,
  volume: findVolumeReport,
  heatMap: findHeatMap,
  sentiment: findSentimentTrend,
};

async function everyReport(filter: ReportFilter) {
  const entries = [];
  for (const [name, report] of Object.entries(reports))
    entries.push([name, await report(db, filter)]);
  return Object.fromEntries(entries);
}

describe('reporting facts', () => {
  it('cuts a range into whole steps and the ends the facts answer', () => {
    const split = splitRange({ from: at(7), to: at(50) }, 15 * 60_000);
    expect(split.whole).toEqual({ from: at(15), to: at(45) });
    expect(split.edges).toEqual([
      { from: at(7), to: at(15) },
      { from: at(45), to: at(50) },
    ]);
    expect(splitRange({ from: at(1), to: at(14) }, 15 * 60_000)).toEqual({
      edges: [{ from: at(1), to: at(14) }],
    });
  });

  it('answers from the rollups exactly what the facts alone answer, for ranges cut anywhere', async () => {
    for (const [from, to] of [
      [at(-60), at(3000)],
      [at(10), at(1445)],
      [at(23), at(2001)],
      [at(0), at(24 * 60)],
    ] as const) {
      const base = {
        workspaceId: acme.workspaceId,
        from: from!,
        to: to!,
        timeZone: 'Asia/Kolkata',
      };
      // Brand alone reads the brand's rollup slice; brand and network read only the facts.
      const fromRollups = await everyReport({ ...base, brandId: acme.brandId });
      const fromFacts = await everyReport({ ...base, brandId: acme.brandId, network: 'bluesky' });
      expect(fromRollups).toEqual(fromFacts);
      expect(await everyReport(base)).toEqual(fromFacts);
    }
    const whole = await findResponseReport(db, {
      workspaceId: acme.workspaceId,
      from: at(10),
      to: at(1445),
      timeZone: 'UTC',
    });
    // Posts at minutes 22, 400, 1439 and 1441 (waits 50, 8, 2 and 95 minutes).
    expect(whole.firstResponse).toMatchObject({ count: 4, medianSeconds: 1740 });
  });

  it('counts a post written after the last fold, and leaves nothing queued', async () => {
    const filter = { workspaceId: acme.workspaceId, from: at(-60), to: at(3000), timeZone: 'UTC' };
    const before = await findResponseReport(db, filter);
    await exchange(2500, 30);
    const after = await findResponseReport(db, filter);
    expect(after.firstResponse.count).toBe(before.firstResponse.count + 1);
    const queued = await sql<{ n: number }>`select count(*)::int as n from report_queue
      where workspace_id = ${acme.workspaceId}`.execute(db);
    expect(queued.rows[0]!.n).toBe(0);
  });

  it("follows a conversation to its new team (reports count the current owner's work)", async () => {
    const billing = await createTeam(db, acme.workspaceId, 'Billing');
    const filter = {
      workspaceId: acme.workspaceId,
      from: at(-60),
      to: at(3000),
      timeZone: 'UTC',
      teamId: billing.id,
    };
    expect((await findResponseReport(db, filter)).firstResponse.count).toBe(0);
    const row = await findConversationForUpdate(db, acme.workspaceId, conversations[0]!);
    const moved = changeTeam(toConversation(row!), billing.id, { type: 'system' }, at(30));
    if (!moved.ok) throw new Error(moved.message);
    await saveTransition(db, moved);
    const report = await findResponseReport(db, filter);
    expect(report.firstResponse).toMatchObject({ count: 1, medianSeconds: 180 });
    const volume = await findVolumeReport(db, filter);
    expect(volume.filter((row) => row.dimension === 'network')).toEqual([
      { dimension: 'network', value: 'bluesky', mentions: 1 },
    ]);
  });

  it('rebuilds a workspace with a long queue to the same figures', async () => {
    const filter = { workspaceId: acme.workspaceId, from: at(-60), to: at(3000), timeZone: 'UTC' };
    const before = await everyReport(filter);
    await sql`insert into report_queue (workspace_id, conversation_id)
      select workspace_id, id from conversations where workspace_id = ${acme.workspaceId}`.execute(
      db,
    );
    const taken = await foldReportFactsBatch(db, acme.workspaceId, {
      wait: true,
      limit: 1,
      rebuildAbove: 2,
    });
    expect(taken).toBe(conversations.length + 1);
    expect(await everyReport(filter)).toEqual(before);
  });

  it('keeps every rollup equal to a fresh count of the facts', async () => {
    await foldPendingReportFacts(db, acme.workspaceId);
    // A worker finding nothing queued does nothing.
    expect(await foldReportFactsBatch(db, acme.workspaceId, { wait: false })).toBe(0);
    const { rows } = await sql<{ rollup: number; facts: number }>`select
        (select coalesce(sum(customer_messages), 0)::int from report_quarters
          where workspace_id = ${acme.workspaceId} and slice = 'all') as rollup,
        (select count(*)::int from report_messages
          where workspace_id = ${acme.workspaceId} and not by_brand) as facts`.execute(db);
    expect(rows[0]!.rollup).toBe(rows[0]!.facts);
    expect(rows[0]!.facts).toBe(7);
  });
});
