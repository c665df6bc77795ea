import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeTeam, setStatus } from '../../../domain/conversation.ts';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import { ingestMentions } from '../../../pipeline/intake/ingest.ts';
import type { Assess } from '../../../pipeline/intake/ingest.ts';
import { createTestDatabase } from '../../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../../test/helpers/database.ts';
import { makeMention, seedWorkspace } from '../../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../../test/helpers/seed.ts';
import { createBrand } from '../../brands.repository.ts';
import {
  findConversationForUpdate,
  saveTransition,
  toConversation,
} from '../../conversations.repository.ts';
import { insertReply, markReplySent } from '../../replies.repository.ts';
import { findFlowReport } from './reports-flow.ts';
import { findResponseReport } from './reports-responses.ts';
import { findHeatMap, findSentimentTrend, findVolumeReport } from './reports-volume.ts';
import { createTeam } from '../../teams.repository.ts';
import type { Database } from '../../schema.ts';
import type { Kysely } from 'kysely';

const t0 = new Date('2026-03-02T09:00:00Z'); // a Monday
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

// Praise needs no answer; everything else is a complaint.
const assess: Assess = (mention) => {
  const praise = mention.text.startsWith('Love');
  return {
    priority: 10,
    sentiment: praise ? 'positive' : 'negative',
    needsReply: true,
    language: 'en',
    details: {
      sentiment: praise ? 'positive' : 'negative',
      complaint: !praise,
      intent: praise ? 'praise' : 'refund',
      category: praise ? 'SOCIAL' : 'REFUND',
      socialIntent: praise ? 'praise' : 'complaint',
      spam: false,
      abuse: false,
    },
  };
};

let database: TestDatabase;
let db: Kysely<Database>;
let acme: SeededWorkspace;
let filter: ReportFilter;

async function thread(
  seeded: SeededWorkspace,
  messages: Array<{ minute: number; brand?: boolean; text?: string }>,
  brandId = seeded.brandId,
): Promise<string> {
  const root = makeMention({
    postedAt: at(messages[0]!.minute),
    text: messages[0]!.text ?? 'Refund me',
  });
  const rest = messages.slice(1).map((message) =>
    makeMention({
      postedAt: at(message.minute),
      text: message.text ?? (message.brand ? 'We are on it' : 'Still waiting'),
      author: message.brand ? { externalId: 'did:plc:brand', handle: 'acme.test' } : root.author,
      fromBrand: message.brand ?? false,
      parentExternalId: root.externalId,
      rootExternalId: root.externalId,
    }),
  );
  // One batch each, as a live stream would deliver them.
  for (const mention of [root, ...rest])
    await ingestMentions(
      db,
      { workspaceId: seeded.workspaceId, brandId, mentions: [mention] },
      at(-1),
      assess,
    );
  const row = await db
    .selectFrom('mentions')
    .select('conversation_id')
    .where('external_id', '=', root.externalId)
    .executeTakeFirstOrThrow();
  return row.conversation_id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.store.db;
  acme = await seedWorkspace(db, 'Reports');
  filter = { workspaceId: acme.workspaceId, from: at(-60), to: at(2 * 1440), timeZone: 'UTC' };
  // A: first answer after 10 minutes, the next after 2 hours.
  const a = await thread(acme, [
    { minute: 0 },
    { minute: 10, brand: true },
    { minute: 60 },
    { minute: 180, brand: true },
  ]);
  // B: two messages, one answer 2 hours after the first.
  await thread(acme, [{ minute: 5 }, { minute: 6 }, { minute: 125, brand: true }]);
  // C: never answered. E: praise, which needs no answer.
  await thread(acme, [{ minute: 1440 }]);
  await thread(acme, [{ minute: 30, text: 'Love the new app' }]);
  // D: answered from Earshot's outbox after 30 minutes.
  const d = await thread(acme, [{ minute: 120 }]);
  const reply = await insertReply(db, {
    workspaceId: acme.workspaceId,
    conversationId: d,
    inReplyToMentionId: null,
    authorId: null,
    network: 'bluesky',
    text: 'Sorry!',
    visibility: 'public',
    status: 'queued',
    idempotencyKey: `k-${d}`,
    now: at(121),
  });
  await markReplySent(db, reply!.id, { externalId: 'x', url: null, sentAt: at(150) });
  // A is resolved after 4 hours, reopened, resolved again, and transferred once.
  const team1 = await createTeam(db, acme.workspaceId, 'Billing');
  const team2 = await createTeam(db, acme.workspaceId, 'Tech');
  const step = async (
    change: (c: ReturnType<typeof toConversation>) => ReturnType<typeof setStatus>,
  ) => {
    const row = await findConversationForUpdate(db, acme.workspaceId, a);
    const transition = change(toConversation(row!));
    if (!transition.ok) throw new Error(transition.message);
    await saveTransition(db, transition);
  };
  const user = { type: 'user' as const, id: acme.users.agent.id };
  await step((c) => changeTeam(c, team1.id, user, at(20)));
  await step((c) => changeTeam(c, team2.id, user, at(30)));
  await step((c) => setStatus(c, 'resolved', user, at(240)));
  await step((c) => setStatus(c, 'open', user, at(300)));
  await step((c) => setStatus(c, 'resolved', user, at(360)));
  // Another brand of the workspace, and another workspace: neither in A's brand figures.
  const other = await createBrand(db, acme.workspaceId, {
    name: 'Other',
    handles: [],
    keywords: [],
    isCompetitor: false,
  });
  await thread(acme, [{ minute: 0 }, { minute: 1, brand: true }], other.id);
  const elsewhere = await seedWorkspace(db, 'Elsewhere');
  await thread(elsewhere, [{ minute: 0 }, { minute: 2, brand: true }]);
});

afterAll(() => database.close());

describe('response report', () => {
  it('measures first and next responses, from mentions and sent replies', async () => {
    const report = await findResponseReport(db, { ...filter, brandId: acme.brandId });
    // First responses: A 10 min, B 120 min (from its first message), D 30 min.
    expect(report.firstResponse).toEqual({
      count: 3,
      medianSeconds: 1800,
      p90Seconds: 1800 + 0.8 * (7200 - 1800),
      meanSeconds: (600 + 7200 + 1800) / 3,
      withinHourShare: 2 / 3,
    });
    expect(report.nextResponse).toMatchObject({
      count: 1,
      medianSeconds: 7200,
      withinHourShare: 0,
    });
    // Six complaints (A×2, B×2, C, D), five answered; the praise needs none.
    expect(report).toMatchObject({ needingReply: 6, answered: 5, responseRate: 5 / 6 });
  });

  it('covers every brand of the workspace without a brand filter, and no other workspace', async () => {
    const report = await findResponseReport(db, filter);
    expect(report.firstResponse.count).toBe(4);
    expect(report.needingReply).toBe(7);
  });

  it('counts only customer messages written in the range', async () => {
    const report = await findResponseReport(db, { ...filter, brandId: acme.brandId, to: at(1000) });
    expect(report).toMatchObject({ needingReply: 5, answered: 5 });
  });

  it('counts open hours only when business hours are given', async () => {
    // Open 09:00–10:00 UTC on weekdays: A's 10 minutes stay 10, D's answer (11:00→11:30) is 0.
    const hours = {
      timeZone: 'UTC',
      week: { monday: [{ start: '09:00', end: '10:00' }] },
      holidays: [],
    };
    const report = await findResponseReport(db, { ...filter, brandId: acme.brandId }, { hours });
    expect(report.firstResponse.count).toBe(3);
    // B: 09:05 → 11:05 is 55 open minutes.
    expect(report.firstResponse.medianSeconds).toBe(600);
    expect(report.firstResponse.p90Seconds).toBeCloseTo(600 + 0.8 * (3300 - 600));
  });
});

describe('flow report', () => {
  it('reads resolutions, reopens and transfers from the event log', async () => {
    const report = await findFlowReport(db, { ...filter, brandId: acme.brandId });
    expect(report).toMatchObject({
      resolutions: 2,
      reopens: 1,
      reopenRate: 0.5,
      transfers: 1,
      transferredConversations: 1,
    });
    expect(report.resolution).toMatchObject({ count: 2, medianSeconds: (240 * 60 + 360 * 60) / 2 });
  });
});

describe('volume, heat map and sentiment', () => {
  it('counts customer mentions by each dimension', async () => {
    const rows = await findVolumeReport(db, filter);
    const of = (dimension: string) =>
      Object.fromEntries(
        rows.filter((r) => r.dimension === dimension).map((r) => [r.value, r.mentions]),
      );
    expect(of('network')).toEqual({ bluesky: 8 });
    expect(of('brand')).toEqual({ 'Reports Brand': 7, Other: 1 });
    expect(of('intent')).toEqual({ refund: 7, praise: 1 });
    expect(of('sentiment')).toEqual({ negative: 7, positive: 1 });
    expect(of('language')).toEqual({ en: 8 });
    expect(of('socialIntent')).toEqual({ complaint: 7, praise: 1 });
  });

  it('places messages and answers in their hour of the week', async () => {
    const cells = await findHeatMap(db, { ...filter, brandId: acme.brandId });
    expect(cells).toHaveLength(168);
    const monday = (hour: number) => cells.find((c) => c.weekday === 1 && c.hour === hour)!;
    expect(monday(9)).toEqual({ weekday: 1, hour: 9, customerMessages: 4, teamReplies: 1 });
    expect(monday(11)).toEqual({ weekday: 1, hour: 11, customerMessages: 1, teamReplies: 2 });
    expect(cells.find((c) => c.weekday === 2 && c.hour === 9)!.customerMessages).toBe(1);
    // In New York the Monday-morning messages were written at night.
    const ny = await findHeatMap(db, {
      ...filter,
      brandId: acme.brandId,
      timeZone: 'America/New_York',
    });
    expect(ny.find((c) => c.weekday === 1 && c.hour === 4)!.customerMessages).toBe(4);
  });

  it('gives every day of the range its sentiment counts', async () => {
    const days = await findSentimentTrend(db, { ...filter, brandId: acme.brandId });
    expect(days.map((d) => d.day)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(days[0]).toMatchObject({ positive: 1, negative: 5, net: -4 / 6 });
    expect(days[1]).toMatchObject({ negative: 1, net: -1 });
    expect(days[2]).toMatchObject({ positive: 0, negative: 0, net: null });
  });
});
