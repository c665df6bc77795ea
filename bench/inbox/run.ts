// The inbox list at scale: one workspace with N conversations (default 1,000,000) in
// PostgreSQL, each view's first page and its 20th page (followed by keyset cursor), median of
// five, and the index the planner chose. `node bench/inbox/run.ts [--rows 1000000 --runs 5]`
// PostgreSQL: BENCH_DATABASE_URL or DATABASE_URL (a role that may create databases).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createBrand } from '../../src/store/brands.repository.ts';
import { inboxViews } from '../../src/store/inbox-filter.ts';
import type { InboxFilter, InboxView } from '../../src/store/inbox-filter.ts';
import { decodeCursor, listInbox } from '../../src/store/inbox.queries.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import type { Database } from '../../src/store/schema.ts';
import { addTeamMember, createTeam } from '../../src/store/teams.repository.ts';
import { createUser } from '../../src/store/users.repository.ts';
import { createWorkspace } from '../../src/store/workspaces.repository.ts';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } },
});
const rows = Number(args.rows);
const runs = Number(args.runs);
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
if (!adminUrl) throw new Error('bench:inbox needs BENCH_DATABASE_URL or DATABASE_URL');

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const name = `earshot_bench_inbox_${randomBytes(4).toString('hex')}`;
await admin(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
// Our own Kysely over one pool, so the compiled SQL of the last query can be EXPLAINed.
const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
let lastQuery: { sql: string; parameters: readonly unknown[] } | undefined;
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    if (event.level === 'query') lastQuery = event.query;
  },
});
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  await migrateToLatest(db);
  const workspace = await createWorkspace(db, 'Bench');
  const brand = await createBrand(db, workspace.id, {
    name: 'Bench',
    handles: [],
    keywords: [],
    isCompetitor: false,
  });
  const agent = await createUser(db, { email: 'agent@bench.test', name: 'A', passwordHash: null });
  const team = await createTeam(db, workspace.id, 'Billing');
  await addTeamMember(db, team.id, agent.id);

  const started = performance.now();
  // A thousand customers; the mix of an ordinary queue: a third closed, one in ten mine, one in
  // five Billing's, 3 % spam, due times spread over two days either side of now.
  await sql`insert into contacts (id, workspace_id, display_name)
    select gen_random_uuid(), ${workspace.id}, 'customer ' || i from generate_series(1, 1000) i`.execute(
    db,
  );
  await sql`insert into conversations (id, workspace_id, brand_id, contact_id, network, status,
      priority, assignee_id, team_id, sentiment, needs_reply, is_spam, due_at, last_message_at)
    select gen_random_uuid(), ${workspace.id}, ${brand.id},
      customers.ids[1 + i % 1000],
      (array['bluesky', 'mastodon', 'x', 'facebook'])[1 + i % 4],
      (array['new', 'open', 'pending', 'resolved', 'open', 'resolved'])[1 + i % 6],
      (i * 37) % 101,
      case when i % 10 = 0 then ${agent.id}::uuid end,
      case when i % 5 = 1 then ${team.id}::uuid end,
      (array['negative', 'neutral', 'positive'])[1 + i % 3],
      i % 5 <> 0,
      i % 33 = 0,
      case when i % 3 = 0 then '9999-12-31 23:59:59+00'::timestamptz
        else now() + ((i % 5760) - 2880) * interval '1 minute' end,
      now() - (i % 10000) * interval '1 minute'
    from generate_series(1, ${rows}) i,
      (select array_agg(id) as ids from contacts where workspace_id = ${workspace.id}) customers`.execute(
    db,
  );
  await sql`analyze conversations`.execute(db);
  console.log(
    `seeded ${rows} conversations in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const filterOf = (view: InboxView): InboxFilter => ({
    view,
    userId: agent.id,
    now: new Date(),
    limit: 50,
  });
  console.log('| view | page 1 (ms) | page 20 (ms) | rows on page 1 | index |');
  console.log('|---|---:|---:|---:|---|');
  for (const view of inboxViews) {
    const first: number[] = [];
    const twentieth: number[] = [];
    let count = 0;
    for (let run = 0; run < runs; run += 1) {
      let t = performance.now();
      let page = await listInbox(db, workspace.id, filterOf(view));
      first.push(performance.now() - t);
      count = page.items.length;
      for (let n = 2; n <= 20 && page.nextCursor; n += 1) {
        t = performance.now();
        page = await listInbox(db, workspace.id, filterOf(view), decodeCursor(page.nextCursor));
        if (n === 20) twentieth.push(performance.now() - t);
      }
    }
    const plan = await indexOf(view);
    console.log(
      `| ${view} | ${median(first).toFixed(1)} | ${twentieth.length ? median(twentieth).toFixed(1) : '–'} | ${count} | ${plan} |`,
    );
  }

  /** The indexes the plan of a first page walks (EXPLAIN of the very query listInbox sends). */
  async function indexOf(view: InboxView): Promise<string> {
    lastQuery = undefined;
    await listInbox(db, workspace.id, filterOf(view));
    const query = lastQuery as { sql: string; parameters: readonly unknown[] } | undefined;
    if (!query) return '?';
    const plan = await pool.query<{ 'QUERY PLAN': string }>(`explain ${query.sql}`, [
      ...query.parameters,
    ]);
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    const seen: string[] = [];
    for (const match of text.matchAll(
      /Index (?:Only )?Scan (?:Backward )?using (\w+) on conversations/g,
    ))
      if (!seen.includes(match[1]!)) seen.push(match[1]!);
    for (const match of text.matchAll(/Bitmap Index Scan on (\w+)/g))
      if (!seen.includes(match[1]!)) seen.push(match[1]!);
    return seen.join(', ') || 'none (sequential scan)';
  }
} finally {
  await db.destroy();
  await admin(`drop database if exists ${name} with (force)`);
}
