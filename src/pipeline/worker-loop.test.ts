import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import type { TestDatabase } from '../../test/helpers/database.ts';
import { notifyChanges } from '../store/changes.ts';
import { startWorkerLoop } from './worker-loop.ts';

let database: TestDatabase;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('worker loop', () => {
  it('survives a failing pass, runs again at once while there is work, then waits', async () => {
    const results: Array<number | Error> = [new Error('database gone'), 2, 1, 0];
    let calls = 0;
    const worker = await startWorkerLoop({
      name: 'test',
      store: database.store,
      logger,
      wakeOn: [],
      pollMs: 10,
      async pass() {
        const next = results[calls++] ?? 0;
        if (next instanceof Error) throw next;
        return next;
      },
    });
    await expect.poll(() => calls).toBeGreaterThanOrEqual(5);
    await worker.stop();
    const stoppedAt = calls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(stoppedAt);
  });

  it('logs an outage once, not on every failed retry, and says when it recovers', async () => {
    const results: Array<number | Error> = [new Error('database gone'), new Error('still gone')];
    const logged: string[] = [];
    let calls = 0;
    const worker = await startWorkerLoop({
      name: 'test',
      store: database.store,
      logger: pino({ level: 'info' }, { write: (line: string) => void logged.push(line) }),
      wakeOn: [],
      pollMs: 10,
      async pass() {
        const next = results[calls++] ?? 0;
        if (next instanceof Error) throw next;
        return next;
      },
    });
    await expect.poll(() => calls, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await worker.stop();
    expect(logged.filter((line) => line.includes('pass failed'))).toHaveLength(1);
    expect(logged.filter((line) => line.includes('test recovered'))).toHaveLength(1);
  });

  it('is woken by a change notice of its kind from any connection, not by others', async () => {
    let calls = 0;
    const worker = await startWorkerLoop({
      name: 'test',
      store: database.store,
      logger,
      wakeOn: ['reply.updated'],
      pollMs: 600_000,
      async pass() {
        calls += 1;
        return 0;
      },
    });
    try {
      await expect.poll(() => calls).toBe(1);
      await notifyChanges(database.store.db, [{ type: 'mention.created', workspaceId: 'w' }]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(calls).toBe(1);
      await notifyChanges(database.store.db, [{ type: 'reply.updated', workspaceId: 'w' }]);
      await expect.poll(() => calls).toBe(2);
    } finally {
      await worker.stop();
    }
  });
});
