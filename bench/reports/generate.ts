// Fills a migrated database with one workspace's year of history, generated inside the database
// (no round trip per row): conversations of one to four messages (customer, answer, customer,
// answer), a fifth never answered, triage labels and scores on customers' mentions (one in fifty
// conversations opens with spam, hidden), replies sent from the outbox on a tenth, the event log
// (created, received, reply sent, resolved, reopened, transferred), first-response targets and
// their breaches, a CSAT survey per resolution (half answered), a competitor brand and an ideas
// board with votes. Seeded by the row number, so every run builds the same data.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.ts';

export interface GeneratedWorkspace {
  workspaceId: string;
  brandIds: string[];
  teamIds: string[];
  conversations: number;
  mentions: number;
  events: number;
}

/** The end of the generated year: report ranges are measured back from here. */
export const historyEnd = new Date('2026-01-01T00:00:00Z');

const uuid = (tag: string) => sql<string>`bench_uuid(${tag} || i)`;

export async function generateHistory(
  db: Kysely<Database>,
  conversations: number,
): Promise<GeneratedWorkspace> {
  // Ids from the row number, shaped as version-4 UUIDs (the API checks the version bits).
  await sql`create or replace function bench_uuid(tag text) returns uuid language sql immutable
    as $$ select (substr(md5(tag), 1, 12) || '4' || substr(md5(tag), 14, 3) || '8'
      || substr(md5(tag), 18, 15))::uuid $$`.execute(db);
  const workspaceId = (
    await sql<{ id: string }>`select bench_uuid('bench-workspace') as id`.execute(db)
  ).rows[0]!.id;
  const start = new Date(historyEnd.getTime() - 365 * 86_400_000);
  // Seconds between conversations: a year spread evenly.
  const spacing = (365 * 86_400) / conversations;
  await sql`insert into workspaces (id, name) values (${workspaceId}, 'Bench reports')`.execute(db);
  // Brand 4 is a competitor the workspace listens to.
  await sql`insert into brands (id, workspace_id, name, is_competitor)
    select bench_uuid('b' || i), ${workspaceId}, 'Brand ' || i, i = 4
    from generate_series(0, 4) i`.execute(db);
  await sql`insert into teams (id, workspace_id, name)
    select bench_uuid('t' || i), ${workspaceId}, 'Team ' || i from generate_series(0, 3) i`.execute(
    db,
  );
  await sql`insert into contacts (id, workspace_id, display_name)
    select ${uuid('p')}, ${workspaceId}, 'Customer ' || i
    from generate_series(0, ${Math.ceil(conversations / 5)} - 1) i`.execute(db);
  // Per conversation i: t = when it starts; d1/d2 = answer delays (minutes to hours, skewed).
  await sql`create temporary table bench_plan as
    select i, ${uuid('c')} as id,
      ${start}::timestamptz + make_interval(secs => i * ${spacing}::float8) as t,
      (60 + 7200 * power(((i::bigint * 7919) % 1000) / 1000.0, 3))::int as d1,
      (120 + 14400 * power(((i::bigint * 104729) % 1000) / 1000.0, 2))::int as d2,
      (i % 4) + 1 as size, i % 5 <> 0 as answered,
      (array['bluesky', 'mastodon', 'x', 'facebook'])[(i % 4) + 1] as network
    from generate_series(0, ${conversations} - 1) i`.execute(db);
  // Every conversation has a first-response target an hour after it starts.
  await sql`insert into conversations (id, workspace_id, brand_id, contact_id, network,
      root_external_id, status, team_id, assignee_id, sentiment, needs_reply, mention_count,
      last_message_at, created_at, updated_at, first_response_due_at, first_responded_at)
    select id, ${workspaceId}, bench_uuid('b' || (i % 5)), bench_uuid('p' || (i % ${Math.ceil(conversations / 5)})),
      network, 'root-' || i, case when i % 3 = 0 then 'resolved' else 'open' end,
      bench_uuid('t' || (i % 4)), null, (array['negative', 'neutral', 'positive'])[(i % 3) + 1],
      not answered, size, t, t, t, t + interval '1 hour',
      case when answered and size > 1 then t + make_interval(secs => d1) end
    from bench_plan`.execute(db);
  // Message k of conversation i: customers write k = 0 and 2, answers are k = 1 and 3.
  await sql`insert into mentions (id, workspace_id, conversation_id, network, external_id, text,
      author_external_id, author_handle, posted_at, received_at, from_brand, language, triage)
    select bench_uuid('m' || i || '-' || k), ${workspaceId}, id, network, 'ext-' || i || '-' || k,
      case when k % 2 = 0 then (array['my order is late again', 'refund still not here',
        'the app crashes on login', 'great support, thanks', 'the driver was rude to me',
        'billing charged me twice', 'where is my parcel', 'love the new update'])[((i * 7 + k) % 8) + 1]
        || ' #' || (i % 97) else 'an answer' end,
      case when k % 2 = 0 then 'customer-' || i else 'brand' end,
      case when k % 2 = 0 then 'customer' || i else 'brand' end,
      t + make_interval(secs => case k when 0 then 0 when 1 then d1 when 2 then d1 + 600 else d1 + 600 + d2 end),
      t, k % 2 = 1, (array['en', 'en', 'en', 'fr', 'de', 'es'])[(i % 6) + 1],
      case when k % 2 = 0 then jsonb_build_object(
        'sentiment', (array['negative', 'neutral', 'positive'])[((i + k) % 3) + 1],
        'sentimentScore', (array[-0.8, 0.0, 0.9])[((i + k) % 3) + 1],
        'complaint', (i + k) % 3 = 0,
        'intent', (array['question', 'refund', 'praise', 'delivery_period', 'other'])[((i + k) % 5) + 1],
        'category', (array['SOCIAL', 'REFUND', 'SOCIAL', 'DELIVERY', 'SOCIAL'])[((i + k) % 5) + 1],
        'spam', i % 50 = 0 and k = 0, 'abuse', false) end
    from bench_plan, generate_series(0, 3) k
    where k < size and (k % 2 = 0 or answered)`.execute(db);
  // Spam is hidden from the inbox (and from share of voice, topics and sentiment change).
  await sql`update mentions set hidden_at = posted_at
    where workspace_id = ${workspaceId} and (triage->>'spam')::boolean`.execute(db);
  // A tenth of the answers went out through the outbox as well.
  await sql`insert into replies (id, workspace_id, conversation_id, network, text, visibility,
      status, idempotency_key, sent_at, created_at, updated_at)
    select bench_uuid('r' || i), ${workspaceId}, id, network, 'an answer', 'public', 'sent',
      'bench-' || i, t + make_interval(secs => d1), t, t
    from bench_plan where answered and size > 1 and i % 10 = 1`.execute(db);
  await sql`insert into events (workspace_id, type, actor_type, conversation_id, data, occurred_at)
    select ${workspaceId}, type, 'system', id, data, at from (
      select id, 'conversation.created' as type, '{}'::jsonb as data, t as at from bench_plan
      union all
      select p.id, case when k % 2 = 0 then 'mention.received' else 'reply.sent' end,
        jsonb_build_object('mentionId', bench_uuid('m' || p.i || '-' || k)),
        t + make_interval(secs => case k when 1 then d1 when 2 then d1 + 600 else d1 + 600 + d2 end)
      from bench_plan p, generate_series(1, 3) k where k < size and (k % 2 = 0 or answered)
      union all
      select id, 'conversation.status_changed', '{"from":"open","to":"resolved"}', t + interval '1 day'
      from bench_plan where i % 3 = 0
      union all
      select id, 'conversation.reopened', '{"by":"customer"}', t + interval '2 days'
      from bench_plan where i % 30 = 0
      union all
      select id, 'conversation.transferred', '{}', t + interval '1 hour'
      from bench_plan where i % 20 = 0) e`.execute(db);
  // Missed first-response targets, as the SLA scheduler records them.
  await sql`insert into sla_escalations (workspace_id, conversation_id, target, kind, due_at)
    select ${workspaceId}, id, 'first_response', 'breach', t + interval '1 hour'
    from bench_plan where not (answered and size > 1) or d1 > 3600`.execute(db);
  // A survey after each resolution; every other one answered with a 1-5 rating an hour later.
  await sql`insert into csat_surveys (id, workspace_id, conversation_id, resolved_at, status,
      score, answered_at, created_at)
    select bench_uuid('s' || i), ${workspaceId}, id, t + interval '1 day',
      case when i % 6 = 0 then 'answered' else 'unanswered' end,
      case when i % 6 = 0 then ((i / 6) % 5) + 1 end,
      case when i % 6 = 0 then t + interval '25 hours' end, t + interval '1 day'
    from bench_plan where i % 3 = 0`.execute(db);
  // An ideas board: 300 ideas over the year, 40 agents voting.
  await sql`insert into users (id, email, name)
    select bench_uuid('u' || i), 'agent' || i || '@bench.test', 'Agent ' || i
    from generate_series(0, 39) i`.execute(db);
  await sql`insert into ideas (id, workspace_id, title, status, created_at, updated_at)
    select bench_uuid('idea' || i), ${workspaceId}, 'Idea ' || i,
      (array['new', 'under_review', 'planned', 'done', 'declined'])[(i % 5) + 1],
      ${start}::timestamptz + make_interval(days => i % 365), ${start}::timestamptz
    from generate_series(0, 299) i`.execute(db);
  await sql`insert into idea_votes (idea_id, user_id, workspace_id, created_at)
    select bench_uuid('idea' || i), bench_uuid('u' || u), ${workspaceId},
      ${start}::timestamptz + make_interval(days => (i % 365) + u)
    from generate_series(0, 299) i, generate_series(0, 39) u where (i * 31 + u * 17) % 7 = 0`.execute(
    db,
  );
  await sql`drop table bench_plan`.execute(db);
  // What autovacuum would have done by now: statistics, and the visibility map index-only scans need.
  await sql`vacuum analyze`.execute(db);
  const count = async (table: 'mentions' | 'events') =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!
        .n,
    );
  const ids = async (tag: string, n: number) =>
    (
      await sql<{ id: string }>`select bench_uuid(${tag} || i) as id
        from generate_series(0, ${n - 1}) i order by i`.execute(db)
    ).rows.map((row) => row.id);
  return {
    workspaceId,
    brandIds: await ids('b', 5),
    teamIds: await ids('t', 4),
    conversations,
    mentions: await count('mentions'),
    events: await count('events'),
  };
}
