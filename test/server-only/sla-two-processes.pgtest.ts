import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestMentions } from '../../src/pipeline/intake/ingest.ts';
import { createSlaPolicy } from '../../src/store/sla/sla-policies.repository.ts';
import { createTestDatabase } from '../helpers/database.ts';
import type { TestDatabase } from '../helpers/database.ts';
import { makeMention, seedWorkspace } from '../helpers/seed.ts';

// Two real processes run the SLA scheduler over one PostgreSQL database at once: every breach
// must be escalated exactly once — one breach record, one sla.breached event, one priority raise —
// although both claim the same due conversations at the same time.

let database: TestDatabase;
const children: ChildProcess[] = [];
const passes = new Map<string, number>();

function startChild(name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['test/server-only/sla-child.ts', database.url!, name], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg: string; handled?: number };
      if (entry.msg === 'ready') resolve(child);
      if (entry.msg === 'SLA scheduler pass')
        passes.set(name, (passes.get(name) ?? 0) + (entry.handled ?? 0));
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) =>
          child.exitCode !== null ? resolve(null) : child.once('exit', resolve),
        ),
    ),
  );
  await database?.close();
});

it('two processes escalate each of 400 breaches exactly once', async () => {
  const { db } = database.store;
  const acme = await seedWorkspace(db);
  const count = 400;
  await createSlaPolicy(
    db,
    acme.workspaceId,
    {
      name: 'Answer within the hour',
      teamId: null,
      minPriority: null,
      maxPriority: null,
      firstResponseMinutes: 60,
      nextResponseMinutes: null,
      resolutionMinutes: null,
      warnBeforeMinutes: 15,
      escalation: { notify: true, reassign: null, raisePriorityBy: 10 },
    },
    new Date(),
  );
  // Arrived two hours ago: every first response is overdue when the schedulers start.
  const arrived = new Date(Date.now() - 2 * 60 * 60_000);
  for (let start = 0; start < count; start += 100) {
    await ingestMentions(
      db,
      {
        workspaceId: acme.workspaceId,
        brandId: acme.brandId,
        mentions: Array.from({ length: 100 }, () => makeMention({ postedAt: arrived })),
      },
      arrived,
    );
  }
  await Promise.all([startChild('one'), startChild('two')]);

  await expect
    .poll(
      async () => {
        const row = await db
          .selectFrom('sla_escalations')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('workspace_id', '=', acme.workspaceId)
          .where('kind', '=', 'breach')
          .executeTakeFirstOrThrow();
        return row.n;
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(count);
  // Escalating recomputes the clock, so each conversation is looked at once more; once none is
  // left to look at, a late second escalation would have happened.
  await expect
    .poll(
      async () => {
        const rows = await db
          .selectFrom('conversations')
          .select('id')
          .where('workspace_id', '=', acme.workspaceId)
          .where('sla_check_at', 'is not', null)
          .execute();
        return rows.length;
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(0);
  const events = await db
    .selectFrom('events')
    .select([
      'type',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`count(distinct conversation_id)::int`.as('conversations'),
    ])
    .where('workspace_id', '=', acme.workspaceId)
    .where('type', 'in', ['sla.breached', 'sla.warning', 'conversation.priority_changed'])
    .groupBy('type')
    .execute();
  expect(Object.fromEntries(events.map((e) => [e.type, [e.n, e.conversations]]))).toEqual({
    'sla.breached': [count, count],
    'conversation.priority_changed': [count, count],
  });
  const priorities = await db
    .selectFrom('conversations')
    .select(['priority', sql<number>`count(*)::int`.as('n')])
    .where('workspace_id', '=', acme.workspaceId)
    .groupBy('priority')
    .execute();
  expect(priorities).toEqual([{ priority: 10, n: count }]);
  expect(passes.get('one')).toBeGreaterThan(0);
  expect(passes.get('two')).toBeGreaterThan(0);
});
