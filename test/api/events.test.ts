import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxStreamBacklogBytes } from '../../src/api/routes/events.routes.ts';
import { notifyChanges } from '../../src/store/changes.ts';
import type { ChangeNotice } from '../../src/store/changes.ts';
import { createTestApi } from '../helpers/api.ts';
import type { Caller, TestApi } from '../helpers/api.ts';
import { addMention, seedWorkspace } from '../helpers/seed.ts';
import type { SeededWorkspace } from '../helpers/seed.ts';

interface ServerEvent {
  event: string;
  data: { type?: string; workspaceId?: string; conversationId?: string; mentionId?: string };
  /** The event's number within its stream (`id:`), when it has one. */
  id?: number;
}

/** An open event stream, read frame by frame as a browser's EventSource would. */
interface Stream {
  status: number;
  contentType: string | null;
  /** Reads events until one matches, returning all read so far (the match last). */
  until(match: (event: ServerEvent) => boolean): Promise<ServerEvent[]>;
  /** Reads to the end of the stream, returning the events read. */
  untilEnd(): Promise<ServerEvent[]>;
  close(): Promise<void>;
}

let api: TestApi;
let acme: SeededWorkspace;
let other: SeededWorkspace;
let acmeAgent: Caller;
let acmeViewer: Caller;
let otherOwner: Caller;

beforeAll(async () => {
  api = await createTestApi();
  acme = await seedWorkspace(api.db, 'Live');
  other = await seedWorkspace(api.db, 'Elsewhere');
  acmeAgent = await api.login(acme.users.agent);
  acmeViewer = await api.login(acme.users.viewer);
  otherOwner = await api.login(other.users.owner);
});
afterAll(async () => api?.close());

async function open(workspaceId: string, as: Caller): Promise<Stream> {
  const response = await api.app.request(`/api/v1/events?workspace=${workspaceId}`, {
    headers: as.bearer ? { authorization: `Bearer ${as.bearer}` } : { cookie: as.cookie! },
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pending: ServerEvent[] = [];
  const readFrames = (text: string) => {
    buffer += text;
    const frames = buffer.split('\n\n');
    buffer = frames.pop()!;
    for (const frame of frames) {
      const lines = frame.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
      const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
      // Comment lines (": keep-alive") carry no event.
      if (event && data)
        pending.push({
          event,
          data: JSON.parse(data) as ServerEvent['data'],
          ...(id ? { id: Number(id) } : {}),
        });
    }
  };
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    async until(match) {
      const seen: ServerEvent[] = [];
      for (;;) {
        const next = pending.shift();
        if (next) {
          seen.push(next);
          if (match(next)) return seen;
          continue;
        }
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`the stream ended after ${JSON.stringify(seen)}`);
        readFrames(decoder.decode(chunk.value, { stream: true }));
      }
    },
    async untilEnd() {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return pending.splice(0);
        readFrames(decoder.decode(chunk.value, { stream: true }));
      }
    },
    close: () => reader.cancel(),
  };
}

const conversations = (seeded: SeededWorkspace) =>
  `/api/v1/workspaces/${seeded.workspaceId}/conversations`;

describe('the event stream', () => {
  it('opens with a ready event for the workspace asked for', async () => {
    const stream = await open(acme.workspaceId, acmeViewer);
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      const [ready] = await stream.until(() => true);
      expect(ready).toEqual({ event: 'ready', data: { workspaceId: acme.workspaceId } });
    } finally {
      await stream.close();
    }
  });

  it('tells a viewer when an agent changes a conversation, and when a new one arrives', async () => {
    const { conversationId } = await addMention(api.db, acme, { text: 'is anyone there?' });
    const stream = await open(acme.workspaceId, acmeViewer);
    try {
      await stream.until((e) => e.event === 'ready');
      const resolved = await api.request(
        'POST',
        `${conversations(acme)}/${conversationId}/status`,
        {
          as: acmeAgent,
          body: { status: 'resolved' },
        },
      );
      expect(resolved.status).toBe(200);
      const updated = (await stream.until((e) => e.event === 'conversation.updated')).at(-1)!;
      expect(updated.data).toEqual({
        type: 'conversation.updated',
        workspaceId: acme.workspaceId,
        conversationId,
      });
      const created = await addMention(api.db, acme, { text: 'hello again' });
      const arrived = (await stream.until((e) => e.event === 'conversation.created')).at(-1)!;
      expect(arrived.data.conversationId).toBe(created.conversationId);
    } finally {
      await stream.close();
    }
  });

  it("never carries another workspace's events", async () => {
    const ours = await addMention(api.db, acme, { text: 'ours' });
    const theirs = await addMention(api.db, other, { text: 'theirs' });
    const stream = await open(acme.workspaceId, acmeViewer);
    try {
      await stream.until((e) => e.event === 'ready');
      // Theirs changes first: notices are delivered in commit order, so had it leaked it
      // would be read before ours.
      const tagged = await api.request(
        'POST',
        `${conversations(other)}/${theirs.conversationId}/tags`,
        {
          as: otherOwner,
          body: { tag: 'secret' },
        },
      );
      expect(tagged.status).toBe(200);
      await addMention(api.db, other, { text: 'another of theirs' });
      await api.request('POST', `${conversations(acme)}/${ours.conversationId}/tags`, {
        as: acmeAgent,
        body: { tag: 'ours' },
      });
      const seen = await stream.until((e) => e.data.conversationId === ours.conversationId);
      expect(seen.length).toBeGreaterThan(0);
      for (const event of seen) expect(event.data.workspaceId).toBe(acme.workspaceId);
    } finally {
      await stream.close();
    }
  });

  // Issue 22 §4 (ADR 0012): what an event carries.
  it('numbers its events one after another, tells a new mention once, and carries ids only', async () => {
    const first = await addMention(api.db, acme, { text: 'my bag never arrived' });
    const stream = await open(acme.workspaceId, acmeViewer);
    try {
      await stream.until((e) => e.event === 'ready');
      const opened = await addMention(api.db, acme, { text: 'a brand new complaint' });
      const reply = await addMention(api.db, acme, {
        text: 'any news on my bag?',
        parentExternalId: first.mention.externalId,
        rootExternalId: first.mention.rootExternalId ?? first.mention.externalId,
      });
      await api.request('POST', `${conversations(acme)}/${first.conversationId}/status`, {
        as: acmeAgent,
        body: { status: 'pending' },
      });
      const seen = await stream.until(
        (e) => e.event === 'conversation.updated' && e.data.conversationId === first.conversationId,
      );
      const start = seen[0]!.id as number;
      expect(start).toBeGreaterThanOrEqual(1);
      expect(seen.map((e) => e.id)).toEqual([start, start + 1, start + 2]);
      // One event per new mention: the one that opened a conversation names both.
      expect(seen.map((e) => [e.event, e.data.conversationId])).toEqual([
        ['conversation.created', opened.conversationId],
        ['mention.created', first.conversationId],
        ['conversation.updated', first.conversationId],
      ]);
      expect(seen[0]!.data).toEqual({
        type: 'conversation.created',
        workspaceId: acme.workspaceId,
        conversationId: opened.conversationId,
        mentionId: opened.mentionId,
      });
      expect(seen[1]!.data.mentionId).toBe(reply.mentionId);
    } finally {
      await stream.close();
    }
  });

  it('gives an open list the rows an event named that its view and filters hold', async () => {
    const kept = await addMention(api.db, acme, { text: 'the seat was broken' });
    const resolved = await addMention(api.db, acme, { text: 'all sorted, thanks' });
    await api.request('POST', `${conversations(acme)}/${resolved.conversationId}/status`, {
      as: acmeAgent,
      body: { status: 'resolved' },
    });
    const theirs = await addMention(api.db, other, { text: 'not for acme' });
    const ids = [kept, resolved, theirs].map((m) => m.conversationId).join(',');
    const open = await api.request('GET', `${conversations(acme)}?view=all&ids=${ids}`, {
      as: acmeViewer,
    });
    expect(open.status).toBe(200);
    // The resolved one left the open view; another workspace's id is never answered.
    expect((open.json as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([
      kept.conversationId,
    ]);
    const done = await api.request(
      'GET',
      `${conversations(acme)}?view=all&status=resolved&ids=${ids}`,
      { as: acmeViewer },
    );
    expect((done.json as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([
      resolved.conversationId,
    ]);
    const bad = await api.request('GET', `${conversations(acme)}?ids=not-an-id`, {
      as: acmeViewer,
    });
    expect(bad.status).toBe(400);
  });

  it('stops listening when the browser goes away', async () => {
    const before = api.deps.realtime.subscriberCount;
    const stream = await open(acme.workspaceId, acmeViewer);
    await stream.until((e) => e.event === 'ready');
    expect(api.deps.realtime.subscriberCount).toBe(before + 1);
    await stream.close();
    for (let tick = 0; tick < 100 && api.deps.realtime.subscriberCount > before; tick++)
      await new Promise((resolve) => setImmediate(resolve));
    expect(api.deps.realtime.subscriberCount).toBe(before);
  });

  it('answers 404 to a non-member, 401 to nobody, and 404 to a malformed workspace id', async () => {
    const stranger = await api.request('GET', `/api/v1/events?workspace=${acme.workspaceId}`, {
      as: otherOwner,
    });
    expect(stranger.status).toBe(404);
    expect(stranger.json.error?.code).toBe('workspace_not_found');
    const nobody = await api.request('GET', `/api/v1/events?workspace=${acme.workspaceId}`);
    expect(nobody.status).toBe(401);
    for (const query of ['', '?workspace=', '?workspace=not-a-uuid']) {
      const bad = await api.request('GET', `/api/v1/events${query}`, { as: acmeViewer });
      expect(bad.status, query).toBe(404);
      expect(bad.json.error?.code).toBe('workspace_not_found');
    }
  });
});

// Issue 13 §6: a stream outlived the access it was opened with.
describe('an open event stream closes when its access ends', () => {
  const closedAfter = async (stream: Stream, revoke: () => Promise<void>) => {
    await stream.until((e) => e.event === 'ready');
    await revoke();
    return (await stream.untilEnd()).map((e) => e.event);
  };

  it('when its session logs out', async () => {
    const session = await api.login(acme.users.agent);
    const stream = await open(acme.workspaceId, session);
    const events = await closedAfter(stream, async () => {
      expect((await api.request('POST', '/api/v1/auth/logout', { as: session })).status).toBe(204);
    });
    expect(events.at(-1)).toBe('closed');
  });

  it('when its API token is revoked', async () => {
    const session = await api.login(acme.users.agent);
    const created = await api.request('POST', '/api/v1/tokens', {
      as: session,
      body: { name: 'dashboard' },
    });
    const token = created.json as { id: string; token: string };
    const stream = await open(acme.workspaceId, { bearer: token.token });
    const events = await closedAfter(stream, async () => {
      const revoked = await api.request('DELETE', `/api/v1/tokens/${token.id}`, { as: session });
      expect(revoked.status).toBe(204);
    });
    expect(events.at(-1)).toBe('closed');
  });

  it('when its user is removed from the workspace, and only that stream', async () => {
    const team = await seedWorkspace(api.db, 'Leaving');
    const owner = await api.login(team.users.owner);
    const leaver = await api.login(team.users.agent);
    const stayer = await open(team.workspaceId, await api.login(team.users.viewer));
    await stayer.until((e) => e.event === 'ready');
    const stream = await open(team.workspaceId, leaver);
    const events = await closedAfter(stream, async () => {
      const removed = await api.request(
        'DELETE',
        `/api/v1/workspaces/${team.workspaceId}/members/${team.users.agent.id}`,
        { as: owner },
      );
      expect(removed.status).toBe(204);
    });
    expect(events.at(-1)).toBe('closed');
    const again = await api.request('GET', `/api/v1/events?workspace=${team.workspaceId}`, {
      as: leaver,
    });
    expect(again.status).toBe(404);
    // The others' streams stay open and keep hearing the workspace.
    const created = await addMention(api.db, team, { text: 'still listening' });
    const heard = await stayer.until((e) => e.event === 'conversation.created');
    expect(heard.at(-1)!.data.conversationId).toBe(created.conversationId);
    await stayer.close();
  });
});

// Issue 22 §3: a browser that stops reading (a frozen tab) must cost bounded memory and nobody
// else any time. The stream is read here in-process, so no socket buffer hides the backlog.
describe('a stream whose reader stops reading', () => {
  it('is ended once its unread backlog passes the bound, while the others keep hearing', async () => {
    const before = api.deps.realtime.subscriberCount;
    const frozen = await open(acme.workspaceId, acmeViewer);
    await frozen.until((e) => e.event === 'ready');
    const healthy = await open(acme.workspaceId, acmeAgent);
    await healthy.until((e) => e.event === 'ready');
    expect(api.deps.realtime.subscriberCount).toBe(before + 2);
    const notice = (n: number): ChangeNotice => ({
      type: 'conversation.updated',
      workspaceId: acme.workspaceId,
      conversationId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    });
    // About 130 bytes a frame: batches until well past the bound, the healthy one read as it goes.
    const perBatch = 1000;
    const batches = Math.ceil((2 * maxStreamBacklogBytes) / (perBatch * 130));
    for (let batch = 0; batch < batches; batch += 1) {
      const first = batch * perBatch;
      await notifyChanges(
        api.db,
        Array.from({ length: perBatch }, (_, n) => notice(first + n)),
      );
      const last = notice(first + perBatch - 1).conversationId;
      await healthy.until((e) => e.data.conversationId === last);
    }
    // Only the frozen one was let go.
    expect(api.deps.realtime.subscriberCount).toBe(before + 1);
    await expect(frozen.untilEnd()).rejects.toThrow(/fell too far behind/);
    const created = await addMention(api.db, acme, { text: 'still heard' });
    const heard = await healthy.until((e) => e.event === 'conversation.created');
    expect(heard.at(-1)!.data.conversationId).toBe(created.conversationId);
    await healthy.close();
  });
});
