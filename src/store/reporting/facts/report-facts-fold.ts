import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import { recomputeLabelDays, recomputeQuarters, recomputeWaitDays } from './report-facts-rollup.ts';
import { insertAnswerFacts, recomputeAnswerDays } from './report-answer-facts.ts';
import { insertTargetFacts, recomputeTargetDays } from './report-target-facts.ts';
import { mentionNeedsReply } from '../reports/reports-scope.ts';
import type { Database } from '../../schema.ts';
import { inTransaction } from '../../transaction.ts';

/** Conversations folded per transaction: a batch stays a short transaction even on a backfill. */
const foldBatchSize = 5000;

const quarter = sql`date_bin('15 minutes', at, timestamptz '2000-01-01')`;
const utcDay = sql`(at at time zone 'UTC')::date`;

/**
 * Brings one batch of a workspace's queued conversations into the reporting facts and their
 * rollups. `wait`: block until another process's fold of the workspace ends (a report needs
 * the facts current); otherwise give way (a worker: the other process is doing the work).
 * Returns how many queue rows it took (0: nothing to do, or another process holds the lock).
 */
export async function foldReportFactsBatch(
  db: Kysely<Database>,
  workspaceId: string,
  options: { wait: boolean; limit?: number; rebuildAbove?: number },
): Promise<number> {
  return inTransaction(db, async (tx) => {
    const lock = sql`hashtext('earshot.report_facts'), hashtext(${workspaceId})`;
    if (options.wait) await sql`select pg_advisory_xact_lock(${lock})`.execute(tx);
    else {
      const { rows } = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_xact_lock(${lock}) as locked`.execute(tx);
      if (!rows[0]!.locked) return 0;
    }
    const { rows: taken } = await sql<{ conversation_id: string }>`
      delete from report_queue where id in (
        select id from report_queue where workspace_id = ${workspaceId}
        order by id limit ${options.limit ?? foldBatchSize})
      returning conversation_id`.execute(tx);
    if (taken.length === 0) return 0;
    if (
      taken.length >= (options.limit ?? foldBatchSize) &&
      (await queueExceeds(tx, workspaceId, options.rebuildAbove ?? rebuildThreshold))
    ) {
      // A backfill or a huge import: rebuilding the workspace at once is far cheaper than
      // refolding it batch by batch. What was queued up to now is covered by it.
      const { rows } = await sql<{ n: number }>`with gone as (
          delete from report_queue where workspace_id = ${workspaceId} returning 1)
        select count(*)::int as n from gone`.execute(tx);
      await rebuildWorkspace(tx, workspaceId);
      return taken.length + rows[0]!.n;
    }
    const ids = [...new Set(taken.map((row) => row.conversation_id))];
    await refoldConversations(tx, workspaceId, ids);
    return taken.length;
  });
}

/** Folds everything queued for a workspace, waiting for any fold in progress (reports call it). */
export async function foldPendingReportFacts(
  db: Kysely<Database>,
  workspaceId: string,
): Promise<void> {
  while ((await foldReportFactsBatch(db, workspaceId, { wait: true })) > 0);
}

/** Workspaces with queued conversations, oldest first (the worker's round). */
export async function findWorkspacesToFold(db: Kysely<Database>, limit = 100): Promise<string[]> {
  const { rows } = await sql<{ workspace_id: string }>`
    select workspace_id from report_queue group by workspace_id order by min(id) limit ${limit}`.execute(
    db,
  );
  return rows.map((row) => row.workspace_id);
}

/** Queued conversations beyond which the whole workspace is rebuilt instead of refolded. */
const rebuildThreshold = 50_000;

async function queueExceeds(
  tx: Kysely<Database>,
  workspaceId: string,
  threshold: number,
): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (
      select 1 from report_queue where workspace_id = ${workspaceId}
      limit ${threshold}) q`.execute(tx);
  return rows[0]!.n >= threshold;
}

/** Every fact and rollup of a workspace, from scratch. */
async function rebuildWorkspace(tx: Kysely<Database>, workspaceId: string): Promise<void> {
  await sql`delete from report_messages where workspace_id = ${workspaceId}`.execute(tx);
  await sql`delete from report_flow where workspace_id = ${workspaceId}`.execute(tx);
  await sql`delete from report_answers where workspace_id = ${workspaceId}`.execute(tx);
  await sql`delete from report_targets where workspace_id = ${workspaceId}`.execute(tx);
  await insertMessageFacts({ workspaceId }).execute(tx);
  await insertFlowFacts({ workspaceId }).execute(tx);
  await insertAnswerFacts({ workspaceId }).execute(tx);
  await insertTargetFacts({ workspaceId }).execute(tx);
  await recomputeQuarters(tx, workspaceId, 'all');
  await recomputeLabelDays(tx, workspaceId, 'all');
  await recomputeWaitDays(tx, workspaceId, 'all');
  await recomputeAnswerDays(tx, workspaceId, 'all');
  await recomputeTargetDays(tx, workspaceId, 'all');
}

/** Replaces the facts of these conversations and recomputes every quarter and day they touch. */
async function refoldConversations(
  tx: Kysely<Database>,
  workspaceId: string,
  ids: string[],
): Promise<void> {
  // Quarters (every fact), days of customer messages (labels, turns' waits) and days of
  // resolutions (their times): what the rollups must recount.
  const touched = {
    quarters: new Set<number>(),
    days: new Set<string>(),
    resolutionDays: new Set<string>(),
    answerDays: new Set<string>(),
    targetDays: new Set<string>(),
  };
  type Touch = { quarter: Date | null; day?: string | null; resolution_day?: string | null };
  const note = (rows: Touch[]) => {
    for (const row of rows) {
      if (row.quarter) touched.quarters.add(new Date(row.quarter).getTime());
      if (row.day) touched.days.add(row.day);
      if (row.resolution_day) touched.resolutionDays.add(row.resolution_day);
    }
  };
  const resolutionDay = sql`case when kind = 'resolved'
    then to_char(${utcDay}, 'YYYY-MM-DD') end as resolution_day`;
  note(
    (
      await sql<Touch>`with gone as (
        delete from report_messages where conversation_id = any(${ids}::uuid[])
        returning at, by_brand)
      select distinct ${quarter} as quarter,
        case when not by_brand then to_char(${utcDay}, 'YYYY-MM-DD') end as day from gone`.execute(
        tx,
      )
    ).rows,
  );
  note(
    (
      await sql<Touch>`with gone as (
        delete from report_flow where conversation_id = any(${ids}::uuid[]) returning at, kind)
      select distinct ${quarter} as quarter, ${resolutionDay} from gone`.execute(tx)
    ).rows,
  );
  note(
    (
      await sql<Touch>`with added as (${insertMessageFacts({ ids })} returning at, by_brand)
      select distinct ${quarter} as quarter,
        case when not by_brand then to_char(${utcDay}, 'YYYY-MM-DD') end as day from added`.execute(
        tx,
      )
    ).rows,
  );
  note(
    (
      await sql<Touch>`with added as (${insertFlowFacts({ ids })} returning at, kind)
      select distinct ${quarter} as quarter, ${resolutionDay} from added`.execute(tx)
    ).rows,
  );
  // Sentiment-change facts (one per answered conversation, on its first answer's day) and
  // first-response targets (one per conversation with a due time, on the day it opened).
  const noteDays = async (into: Set<string>, query: RawBuilder<unknown>) => {
    const { rows } = await sql<{ day: string }>`with changed as (${query} returning at)
      select distinct to_char(${utcDay}, 'YYYY-MM-DD') as day from changed`.execute(tx);
    for (const row of rows) into.add(row.day);
  };
  const conversations = sql`conversation_id = any(${ids}::uuid[])`;
  await noteDays(touched.answerDays, sql`delete from report_answers where ${conversations}`);
  await noteDays(touched.answerDays, insertAnswerFacts({ ids }));
  await noteDays(touched.targetDays, sql`delete from report_targets where ${conversations}`);
  await noteDays(touched.targetDays, insertTargetFacts({ ids }));
  await recomputeQuarters(
    tx,
    workspaceId,
    [...touched.quarters].map((ms) => new Date(ms)),
  );
  await recomputeLabelDays(tx, workspaceId, [...touched.days]);
  await recomputeWaitDays(tx, workspaceId, [
    ...new Set([...touched.days, ...touched.resolutionDays]),
  ]);
  await recomputeAnswerDays(tx, workspaceId, [...touched.answerDays]);
  await recomputeTargetDays(tx, workspaceId, [...touched.targetDays]);
}

/** Which conversations' facts to build: these, or all of a workspace's. */
type FactScope = { ids: string[] } | { workspaceId: string };

function scoped(scope: FactScope, alias: RawBuilder<unknown>) {
  return 'ids' in scope
    ? sql`${alias}.conversation_id = any(${scope.ids}::uuid[])`
    : sql`${alias}.workspace_id = ${scope.workspaceId}`;
}

/**
 * Each conversation's timeline in time order (a customer's message before an answer stamped
 * the same second; an answer is a sent reply or a mark "answered elsewhere"): whether the message before it was the brand's, how many customer messages
 * came so far and when the next answer came. The same rules as the reports had at query time.
 */
function insertMessageFacts(scope: FactScope) {
  return sql`insert into report_messages (workspace_id, conversation_id, at, by_brand, brand_id,
      network, team_id, assignee_id, needs_reply, answered_at, turn, wait_seconds,
      mention_network, sentiment, intent, category, language, in_voice, social_intent)
    select c.workspace_id, o.conversation_id, o.at, o.by_brand, c.brand_id, c.network, c.team_id,
      c.assignee_id, o.needs_reply, o.answered_at,
      case when not o.by_brand and coalesce(o.previous_by_brand, true) and o.answered_at is not null
        then case when o.customer_index = 1 then 'first' else 'next' end end,
      case when not o.by_brand and coalesce(o.previous_by_brand, true)
        then extract(epoch from o.answered_at - o.at)::float8 end,
      o.mention_network, o.sentiment, o.intent, o.category, o.language, o.in_voice,
      o.social_intent
    from (
      select *,
        lag(by_brand) over timeline as previous_by_brand,
        count(*) filter (where not by_brand) over timeline as customer_index,
        min(at) filter (where by_brand) over (partition by conversation_id order by at, by_brand
          rows between current row and unbounded following) as answered_at
      from (
        select m.conversation_id, m.posted_at as at, m.from_brand as by_brand,
          (not m.from_brand and ${mentionNeedsReply}) as needs_reply, m.network as mention_network,
          m.triage->>'sentiment' as sentiment, m.triage->>'intent' as intent,
          m.triage->>'category' as category, m.language,
          (not m.from_brand and m.hidden_at is null
            and coalesce((m.triage->>'spam')::boolean, false) = false) as in_voice,
          case when not m.from_brand then m.triage->>'socialIntent' end as social_intent
        from mentions m where ${scoped(scope, sql`m`)}
        union all
        select r.conversation_id, r.sent_at, true, false, r.network, null, null, null, null, false,
          null
        from replies r where ${scoped(scope, sql`r`)}
          and r.status = 'sent' and r.sent_at is not null
        union all
        -- An answer given outside Earshot (an imported conversation) answers like a sent reply.
        select e.conversation_id, e.occurred_at, true, false, null, null, null, null, null, false,
          null
        from events e where ${scoped(scope, sql`e`)}
          and e.type = 'conversation.answered_elsewhere') messages
      window timeline as (partition by conversation_id order by at, by_brand
        rows between unbounded preceding and current row)) o
    join conversations c on c.id = o.conversation_id`;
}

/** Created, resolved, reopened and transferred events, with how long a resolution took. */
function insertFlowFacts(scope: FactScope) {
  return sql`insert into report_flow (workspace_id, conversation_id, at, kind, brand_id, network,
      team_id, assignee_id, started_at, resolution_seconds)
    select c.workspace_id, e.conversation_id, e.occurred_at, f.kind, c.brand_id, c.network,
      c.team_id, c.assignee_id, s.started_at,
      case when f.kind = 'resolved' then extract(epoch from e.occurred_at - s.started_at)::float8 end
    from events e
    join conversations c on c.id = e.conversation_id
    cross join lateral (select case e.type when 'conversation.created' then 'created'
      when 'conversation.reopened' then 'reopened' when 'conversation.transferred' then 'transferred'
      when 'conversation.status_changed' then
        case when e.data->>'to' = 'resolved' then 'resolved' end end as kind) f
    left join lateral (select min(m.posted_at) as started_at from mentions m
      where m.conversation_id = e.conversation_id and f.kind = 'resolved') s on true
    where ${scoped(scope, sql`e`)} and f.kind is not null`;
}
