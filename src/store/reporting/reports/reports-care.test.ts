import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { createTestDatabase } from '../../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../../test/helpers/database.ts';
import { addMention, seedWorkspace } from '../../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../../test/helpers/seed.ts';
import { newId } from '../../ids.ts';
import { findCsatReport } from './reports-csat.ts';
import { findIdeasReport } from './reports-ideas.ts';
import { findSlaReport } from './reports-sla.ts';
import type { Database } from '../../schema.ts';

const day = (d: number, hour = 12) => new Date(Date.UTC(2026, 2, d, hour));
let database: TestDatabase;
let db: Kysely<Database>;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let filter: ReportFilter;

/** A conversation opened on day `d`, with its first-response due time and answer as given. */
async function conversation(
  seeded: SeededWorkspace,
  d: number,
  clock: { due?: Date; answered?: Date } = {},
): Promise<string> {
  const { conversationId } = await addMention(db, seeded, { postedAt: day(d) });
  await db
    .updateTable('conversations')
    .set({
      first_response_due_at: clock.due ?? null,
      first_responded_at: clock.answered ?? null,
    })
    .where('id', '=', conversationId)
    .execute();
  // The row's creation time is the database's; a report's range reads it.
  await sql`update conversations set created_at = ${day(d)} where id = ${conversationId}`.execute(
    db,
  );
  return conversationId;
}

async function breach(seeded: SeededWorkspace, conversationId: string, target: string, due: Date) {
  await db
    .insertInto('sla_escalations')
    .values({
      workspace_id: seeded.workspaceId,
      conversation_id: conversationId,
      target: target as 'resolution',
      kind: 'breach',
      due_at: due,
      policy_id: null,
    })
    .execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.store.db;
  acme = await seedWorkspace(db, 'Care');
  other = await seedWorkspace(db, 'Elsewhere');
  filter = { workspaceId: acme.workspaceId, from: day(1, 0), to: day(8, 0), timeZone: 'UTC' };
});

afterAll(() => database.close());

describe('SLA report', () => {
  it('counts breaches by target and the share answered before the first-response due time', async () => {
    const onTime = await conversation(acme, 2, { due: day(2, 13), answered: day(2, 12) });
    const late = await conversation(acme, 3, { due: day(3, 13), answered: day(3, 15) });
    const never = await conversation(acme, 4, { due: day(4, 13) });
    await conversation(acme, 4); // no SLA: not counted
    await conversation(acme, 9, { due: day(9, 13), answered: day(9, 12) }); // after the range
    await breach(acme, late, 'first_response', day(3, 13));
    await breach(acme, never, 'first_response', day(4, 13));
    await breach(acme, onTime, 'resolution', day(5));
    await breach(acme, never, 'resolution', day(10)); // due after the range
    const elsewhere = await conversation(other, 2, { due: day(2, 13) });
    await breach(other, elsewhere, 'first_response', day(2, 13));

    const report = await findSlaReport(db, filter);
    expect(report.breaches).toEqual([
      { target: 'first_response', breaches: 2 },
      { target: 'next_response', breaches: 0 },
      { target: 'resolution', breaches: 1 },
    ]);
    expect(report.totalBreaches).toBe(3);
    expect(report.withFirstResponseTarget).toBe(3);
    expect(report.answeredWithinSla).toBe(1);
    expect(report.withinSlaShare).toBeCloseTo(1 / 3);
    const otherBrand = await findSlaReport(db, { ...filter, brandId: other.brandId });
    expect(otherBrand.totalBreaches).toBe(0);
  });
});

describe('CSAT report', () => {
  it('gives responses, the average, the 1–5 spread and the trend by day', async () => {
    const ratings: Array<[number, number | null]> = [
      [2, 5],
      [2, 4],
      [3, 1],
      [5, 5],
      [6, null], // sent, not answered
      [9, 2], // after the range
    ];
    for (const [d, score] of ratings) {
      const conversationId = await conversation(acme, d);
      await db
        .insertInto('csat_surveys')
        .values({
          id: newId(),
          workspace_id: acme.workspaceId,
          conversation_id: conversationId,
          resolved_at: day(d, 10),
          created_at: day(d, 10),
          ...(score === null ? {} : { status: 'answered' as never, score, answered_at: day(d) }),
        })
        .execute();
    }
    const report = await findCsatReport(db, filter);
    expect(report.surveys).toBe(5);
    expect(report.responses).toBe(4);
    expect(report.averageScore).toBeCloseTo(15 / 4);
    expect(report.distribution).toEqual([
      { score: 1, responses: 1 },
      { score: 2, responses: 0 },
      { score: 3, responses: 0 },
      { score: 4, responses: 1 },
      { score: 5, responses: 2 },
    ]);
    expect(report.trend).toHaveLength(7);
    expect(report.trend[1]).toEqual({ day: '2026-03-02', responses: 2, averageScore: 4.5 });
    expect(report.trend[2]).toEqual({ day: '2026-03-03', responses: 1, averageScore: 1 });
    expect(report.trend[0]).toEqual({ day: '2026-03-01', responses: 0, averageScore: null });
    expect(
      (await findCsatReport(db, { ...filter, workspaceId: other.workspaceId })).responses,
    ).toBe(0);
  });
});

describe('ideas report', () => {
  it('counts ideas by status and lists the most voted', async () => {
    const idea = async (title: string, status: string, voters: string[], created = day(2)) => {
      const id = newId();
      await db
        .insertInto('ideas')
        .values({
          id,
          workspace_id: acme.workspaceId,
          title,
          created_at: created,
          updated_at: created,
        })
        .execute();
      await db
        .updateTable('ideas')
        .set({ status: status as 'new' })
        .where('id', '=', id)
        .execute();
      for (const [index, user] of voters.entries())
        await db
          .insertInto('idea_votes')
          .values({
            idea_id: id,
            user_id: user,
            workspace_id: acme.workspaceId,
            created_at: day(index === 0 ? 3 : 10),
          })
          .execute();
      return id;
    };
    const { owner, admin, agent, viewer } = acme.users;
    await idea('Dark mode', 'planned', [owner.id, admin.id, agent.id]);
    await idea('Export', 'new', [viewer.id]);
    await idea('Old duplicate', 'merged', [owner.id, admin.id, agent.id, viewer.id]);
    await idea('Later', 'new', [], day(9));
    const report = await findIdeasReport(db, filter);
    expect(report.byStatus).toEqual([
      { status: 'new', ideas: 1 },
      { status: 'under_review', ideas: 0 },
      { status: 'planned', ideas: 1 },
      { status: 'done', ideas: 0 },
      { status: 'declined', ideas: 0 },
      { status: 'merged', ideas: 1 },
    ]);
    expect(report.topVoted.map((row) => [row.title, row.votes, row.votesInRange])).toEqual([
      ['Dark mode', 3, 1],
      ['Export', 1, 1],
    ]);
  });
});
