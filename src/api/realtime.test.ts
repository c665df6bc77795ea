import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/database.ts';
import type { TestDatabase } from '../../test/helpers/database.ts';
import { notifyChanges } from '../store/changes.ts';
import { RealtimeHub, resyncNoticeType } from './realtime.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const workspaceId = '00000000-0000-4000-8000-000000000001';
const decoder = new TextDecoder();

/** A stream as the hub sees it, recording what it is written and when its access is checked. */
function fakeStream(log: string[], name: string, running: { now: number; most: number }) {
  const written: string[] = [];
  return {
    written,
    stream: {
      sink: { write: (frame: Uint8Array) => written.push(decoder.decode(frame)), end: () => {} },
      async checkAccess() {
        running.now += 1;
        running.most = Math.max(running.most, running.now);
        log.push(name);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running.now -= 1;
      },
    },
  };
}

describe('the realtime hub', () => {
  it('serialises a notice once and writes the same frame, with the others of its commit, to every stream of the workspace', async () => {
    const hub = new RealtimeHub();
    await hub.start(database.store, pino({ level: 'silent' }));
    const running = { now: 0, most: 0 };
    const streams = Array.from({ length: 250 }, (_, n) => fakeStream([], `s${n}`, running));
    const closers = streams.map(({ stream }) => hub.openStream(workspaceId, 'user', stream));
    try {
      await notifyChanges(database.store.db, [
        { type: 'conversation.created', workspaceId, conversationId: 'c1' },
        { type: 'mention.created', workspaceId, conversationId: 'c1', mentionId: 'm1' },
        { type: 'conversation.created', workspaceId: 'another', conversationId: 'c2' },
      ]);
      await expect.poll(() => streams.every((s) => s.written.length > 0)).toBe(true);
      // Numbered for the workspace (ADR 0012), the same numbers in every stream's frame.
      const expected =
        'id: 1\nevent: conversation.created\ndata: {"type":"conversation.created","workspaceId":"00000000-0000-4000-8000-000000000001","conversationId":"c1"}\n\n' +
        'id: 2\nevent: mention.created\ndata: {"type":"mention.created","workspaceId":"00000000-0000-4000-8000-000000000001","conversationId":"c1","mentionId":"m1"}\n\n';
      for (const { written } of streams) expect(written).toEqual([expected]);
    } finally {
      for (const close of closers) close();
      await hub.stop();
    }
  });

  it('ends the streams of a workspace whose browsers are told to refetch, and only those', async () => {
    const hub = new RealtimeHub();
    await hub.start(database.store, pino({ level: 'silent' }));
    const ended: string[] = [];
    const sink = (name: string) => ({ write: () => {}, end: () => ended.push(name) });
    const check = async () => {};
    const closers = [
      hub.openStream(workspaceId, 'user', { sink: sink('told'), checkAccess: check }),
      hub.openStream('another', 'user', { sink: sink('other'), checkAccess: check }),
    ];
    try {
      await notifyChanges(database.store.db, [{ type: resyncNoticeType, workspaceId }]);
      await expect.poll(() => ended).toEqual(['told']);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(ended).toEqual(['told']);
    } finally {
      for (const close of closers) close();
      await hub.stop();
    }
  });

  it('sends every stream a keep-alive and checks their access together, on one timer', async () => {
    const hub = new RealtimeHub({ heartbeatMs: 100 });
    await hub.start(database.store, pino({ level: 'silent' }));
    const log: string[] = [];
    const running = { now: 0, most: 0 };
    const streams = Array.from({ length: 5 }, (_, n) => fakeStream(log, `s${n}`, running));
    const closers = streams.map(({ stream }) => hub.openStream(workspaceId, 'user', stream));
    try {
      await expect.poll(() => log.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(5);
      expect(log.slice(0, 5).sort()).toEqual(['s0', 's1', 's2', 's3', 's4']);
      // One slice: asked together, so that the checks share their queries.
      expect(running.most).toBe(5);
      for (const { written } of streams) expect(written[0]).toBe(': keep-alive\n\n');
      // A closed stream is neither written nor checked again.
      closers[0]!();
      const before = { log: log.length, written: streams[0]!.written.length };
      await expect
        .poll(() => log.length, { timeout: 5_000 })
        .toBeGreaterThanOrEqual(before.log + 8);
      expect(log.slice(before.log)).not.toContain('s0');
      expect(streams[0]!.written.length).toBe(before.written);
    } finally {
      for (const close of closers) close();
      await hub.stop();
    }
  });
});
