import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ReportFilter } from '../../../domain/report-filter.ts';
import type { Mention } from '../../../domain/mention.ts';
import { ingestMentions } from '../../../pipeline/intake/ingest.ts';
import type { Assess } from '../../../pipeline/intake/ingest.ts';
import { createTestDatabase } from '../../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../../test/helpers/database.ts';
import { makeMention, seedWorkspace } from '../../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../../test/helpers/seed.ts';
import { conversationConditions } from './reports-scope.ts';
import { newId } from '../../ids.ts';
import { findSentimentChangeReport } from './reports-sentiment-change.ts';
import type { SentimentChangeRow } from './reports-sentiment-change.ts';
import type { Database } from '../../schema.ts';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

// The text says how the customer feels: "Love …" 0.9, "Meh …" 0, anything else −0.8.
const assess: Assess = (mention) => {
  const [sentiment, sentimentScore] = mention.text.startsWith('Love')
    ? (['positive', 0.9] as const)
    : mention.text.startsWith('Meh')
      ? (['neutral', 0] as const)
      : (['negative', -0.8] as const);
  return {
    priority: 10,
    sentiment,
    needsReply: true,
    language: 'en',
    details: mention.text.includes('unlabelled') ? {} : { sentiment, sentimentScore },
  };
};

let database: TestDatabase;
let db: Kysely<Database>;
let acme: SeededWorkspace;
let filter: ReportFilter;

type Step =
  | { minute: number; customer: string }
  | { minute: number; brandPost: true }
  | { minute: number; reply: true };

/**
 * One conversation, in order: the customer's posts (each answering the first), the brand's own
 * posts seen on the network, and replies Earshot sent. Returns the conversation's id.
 */
async function conversation(
  steps: Step[],
  options: { seeded?: SeededWorkspace; network?: Mention['network'] } = {},
) {
  const seeded = options.seeded ?? acme;
  const network = options.network ?? 'bluesky';
  let root: Mention | undefined;
  let conversationId = '';
  for (const step of steps) {
    if ('reply' in step) {
      await db
        .insertInto('replies')
        .values({
          id: newId(),
          workspace_id: seeded.workspaceId,
          conversation_id: conversationId,
          network,
          text: 'We are on it',
          visibility: 'public',
          status: 'sent',
          idempotency_key: newId(),
          sent_at: at(step.minute),
          updated_at: at(step.minute),
        })
        .execute();
      continue;
    }
    const brand = 'brandPost' in step;
    const mention = makeMention({
      network,
      postedAt: at(step.minute),
      text: brand ? 'Sorry, DM us' : step.customer,
      ...(root
        ? {
            author: brand ? { externalId: 'did:plc:brand', handle: 'brand.test' } : root.author,
            parentExternalId: root.externalId,
            rootExternalId: root.externalId,
          }
        : {}),
      ...(brand ? { fromBrand: true } : {}),
    });
    root ??= mention;
    await ingestMentions(
      db,
      { workspaceId: seeded.workspaceId, brandId: seeded.brandId, mentions: [mention] },
      at(step.minute),
      assess,
    );
    const row = await db
      .selectFrom('mentions')
      .select('conversation_id')
      .where('external_id', '=', mention.externalId)
      .executeTakeFirstOrThrow();
    conversationId = row.conversation_id;
  }
  return conversationId;
}

const only = (rows: SentimentChangeRow[], dimension: string) =>
  rows.filter((row) => row.dimension === dimension);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.store.db;
  acme = await seedWorkspace(db, 'Change');
  filter = { workspaceId: acme.workspaceId, from: at(0), to: at(24 * 60), timeZone: 'UTC' };
  const billing = newId();
  await db
    .insertInto('teams')
    .values({ id: billing, workspace_id: acme.workspaceId, name: 'Billing' })
    .execute();

  // Improved: negative, the brand answers on the network, then praise.
  await conversation([
    { minute: 10, customer: 'Broken checkout' },
    { minute: 20, brandPost: true },
    { minute: 30, customer: 'Love it, fixed' },
  ]);
  // Worse, on Mastodon and in Billing: neutral, Earshot's reply, then a complaint; the reply
  // after that is not the first and the message after it is not compared.
  const worse = await conversation(
    [
      { minute: 40, customer: 'Meh, where is my order' },
      { minute: 45, reply: true },
      { minute: 50, customer: 'Still nothing, awful' },
      { minute: 55, reply: true },
      { minute: 60, customer: 'Love you now' },
    ],
    { network: 'mastodon' },
  );
  await db.updateTable('conversations').set({ team_id: billing }).where('id', '=', worse).execute();
  // The same label after, in the same second as the answer the message before still counts.
  await conversation([
    { minute: 70, customer: 'Broken app' },
    { minute: 70, reply: true },
    { minute: 90, customer: 'Broken again' },
  ]);
  // Answered, and the customer never wrote again.
  await conversation([
    { minute: 100, customer: 'Broken login' },
    { minute: 110, brandPost: true },
  ]);
  // A later message without a label: compared by neither label nor score.
  await conversation([
    { minute: 120, customer: 'Broken tablet' },
    { minute: 125, reply: true },
    { minute: 130, customer: 'unlabelled follow-up' },
  ]);
  // Never answered.
  await conversation([
    { minute: 140, customer: 'Broken phone' },
    { minute: 150, customer: 'Love nothing, hello?' },
  ]);
  // First answered before the range: its answer in the range is not the first.
  await conversation([
    { minute: -60, customer: 'Broken watch' },
    { minute: -50, brandPost: true },
    { minute: 160, customer: 'Broken again' },
    { minute: 170, brandPost: true },
    { minute: 180, customer: 'Love it' },
  ]);
  // The customer's next message comes after the range ends.
  await conversation([
    { minute: 200, customer: 'Broken screen' },
    { minute: 210, reply: true },
    { minute: 24 * 60 + 5, customer: 'Love the fix' },
  ]);
  // Another workspace's improved conversation.
  const other = await seedWorkspace(db, 'ChangeElsewhere');
  await conversation(
    [
      { minute: 10, customer: 'Broken' },
      { minute: 20, brandPost: true },
      { minute: 30, customer: 'Love it' },
    ],
    { seeded: other },
  );
});

/** The rank of a label column, and a mention's numeric score: as the report defined them. */
const rank = (column: string) => sql`case ${sql.ref(column)}
  when 'negative' then -1 when 'neutral' then 0 when 'positive' then 1 end`;
const score = sql`case when jsonb_typeof(m.triage->'sentimentScore') = 'number'
  then (m.triage->>'sentimentScore')::float8 end`;

/**
 * The report as it was first written, reading mentions and replies at query time (no facts):
 * the oracle the facts and rollups must agree with.
 */
async function fromRawRows(filter: ReportFilter) {
  const { workspaceId, from, to } = filter;
  const { rows } = await sql<
    Omit<SentimentChangeRow, 'dimension'> & { level: number }
  >`with answers as (
      select m.conversation_id, m.posted_at as at from mentions m
      where m.workspace_id = ${workspaceId} and m.from_brand
        and m.posted_at >= ${from} and m.posted_at < ${to}
      union all
      select r.conversation_id, r.sent_at from replies r
      where r.workspace_id = ${workspaceId} and r.status = 'sent'
        and r.sent_at >= ${from} and r.sent_at < ${to}),
    first_answers as (
      select a.conversation_id, min(a.at) as at, c.brand_id, c.network, c.team_id
      from answers a join conversations c on c.id = a.conversation_id
        and ${conversationConditions(filter)}
      group by a.conversation_id, c.brand_id, c.network, c.team_id),
    firsts as (
      -- The first answer in the range is the conversation's first only if none came before it.
      select f.* from first_answers f
      where not exists (select 1 from mentions m where m.conversation_id = f.conversation_id
          and m.from_brand and m.posted_at < f.at)
        and not exists (select 1 from replies r where r.conversation_id = f.conversation_id
          and r.status = 'sent' and r.sent_at < f.at)),
    pairs as (
      select f.brand_id, f.network, f.team_id, b.sentiment as before_label, b.score as before_score,
        a.sentiment as after_label, a.score as after_score, a.conversation_id is not null as wrote_again
      from firsts f
      -- A customer message stamped the same second as the answer came before it.
      join lateral (select m.triage->>'sentiment' as sentiment, ${score} as score
        from mentions m where m.conversation_id = f.conversation_id and not m.from_brand
          and m.hidden_at is null and m.posted_at <= f.at
        order by m.posted_at desc, m.id desc limit 1) b on true
      left join lateral (select m.conversation_id, m.triage->>'sentiment' as sentiment,
          ${score} as score
        from mentions m where m.conversation_id = f.conversation_id and not m.from_brand
          and m.hidden_at is null and m.posted_at > f.at and m.posted_at < ${to}
        order by m.posted_at, m.id limit 1) a on true),
    ranked as (
      select brand_id, network, team_id, wrote_again, after_score - before_score as score_change,
        ${rank('before_label')} as before_rank, ${rank('after_label')} as after_rank
      from pairs)
    select grouping(x.brand_id, x.network, x.team_id)::int as level,
      coalesce(x.brand_id::text, x.network, x.team_id::text) as key,
      coalesce(b.name, x.network, t.name) as label,
      count(*)::int as answered,
      (count(*) filter (where wrote_again))::int as "wroteAgain",
      (count(*) filter (where after_rank > before_rank))::int as improved,
      (count(*) filter (where after_rank = before_rank))::int as same,
      (count(*) filter (where after_rank < before_rank))::int as worse,
      (count(*) filter (where wrote_again and (after_rank is null or before_rank is null)))::int
        as unlabelled,
      avg(score_change)::float8 as "meanScoreChange",
      count(score_change)::int as scored
    from ranked x
    left join brands b on b.id = x.brand_id
    left join teams t on t.id = x.team_id
    group by grouping sets ((), (x.brand_id, b.name), (x.network), (x.team_id, t.name))
    -- all, then brand, network and team (grouping(): brand 4, network 2, team 1 left out)
    order by case grouping(x.brand_id, x.network, x.team_id) when 7 then 0 when 3 then 1
      when 5 then 2 else 3 end, answered desc, label`.execute(db);
  // grouping() sets a bit for each column left out: brand 4, network 2, team 1.
  const names: Record<number, string> = { 7: 'all', 3: 'brand', 5: 'network', 6: 'team' };
  return rows.map(({ level, ...row }) => ({ dimension: names[level], ...row }));
}

afterAll(() => database.close());

describe('sentiment change after a reply', () => {
  it('compares the message before the first answer with the next one, per conversation', async () => {
    const rows = await findSentimentChangeReport(db, filter);
    const [all] = only(rows, 'all');
    expect(all).toMatchObject({
      key: null,
      answered: 6,
      wroteAgain: 4,
      improved: 1,
      same: 1,
      worse: 1,
      unlabelled: 1,
      scored: 3,
    });
    // (0.9 − −0.8) + (−0.8 − 0) + (−0.8 − −0.8), over three pairs.
    expect(all!.meanScoreChange).toBeCloseTo((1.7 - 0.8 + 0) / 3);
  });

  it('splits by brand, network and team', async () => {
    const rows = await findSentimentChangeReport(db, filter);
    expect(only(rows, 'brand')).toEqual([
      expect.objectContaining({
        key: acme.brandId,
        label: 'Change Brand',
        answered: 6,
        improved: 1,
      }),
    ]);
    const networks = only(rows, 'network');
    expect(networks.map((row) => [row.label, row.answered, row.improved, row.worse])).toEqual([
      ['bluesky', 5, 1, 0],
      ['mastodon', 1, 0, 1],
    ]);
    const teams = only(rows, 'team');
    expect(teams.find((row) => row.label === 'Billing')).toMatchObject({ answered: 1, worse: 1 });
    expect(teams.find((row) => row.key === null)).toMatchObject({ answered: 5, worse: 0 });
  });

  it('equals a count of the raw messages for ranges cut anywhere, whole days read from rollups', async () => {
    const day = 24 * 60;
    // t0 is 09:00 UTC: ranges from the evening before, ending at midnight, just before and just
    // after the customer's next message on the last day (minute 1445).
    const ranges = [
      [-600, day + 10],
      [-600, day],
      [-540, day - 540 + 24 * 60],
      [-540, day + 900],
      [30, day + 10],
    ];
    for (const [from, to] of ranges) {
      for (const narrow of [{}, { network: 'mastodon' }, { brandId: acme.brandId }]) {
        const range = { ...filter, from: at(from!), to: at(to!), ...narrow };
        const rows = await findSentimentChangeReport(db, range);
        const truth = await fromRawRows(range);
        const counts = (list: Array<{ meanScoreChange: number | null }>) =>
          list.map((row) => ({ ...row, meanScoreChange: undefined }));
        expect(counts(rows)).toEqual(counts(truth));
        rows.forEach((row, index) => {
          if (truth[index]!.meanScoreChange === null) expect(row.meanScoreChange).toBeNull();
          else expect(row.meanScoreChange).toBeCloseTo(truth[index]!.meanScoreChange!, 9);
        });
      }
    }
  });

  it("follows the filter's network and never reads another workspace", async () => {
    const mastodon = await findSentimentChangeReport(db, { ...filter, network: 'mastodon' });
    expect(only(mastodon, 'all')[0]).toMatchObject({ answered: 1, worse: 1, improved: 0 });
    const before = await findSentimentChangeReport(db, { ...filter, to: at(5) });
    expect(before).toEqual([
      expect.objectContaining({ dimension: 'all', answered: 0, meanScoreChange: null }),
    ]);
    const elsewhere = await findSentimentChangeReport(db, {
      ...filter,
      workspaceId: newId(),
    });
    expect(only(elsewhere, 'all')[0]).toMatchObject({ answered: 0 });
  });
});
