import { z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { ChangeNotice } from '../../store/changes.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { resyncNoticeType } from '../realtime.ts';
import { Uuid } from '../schemas/common.schema.ts';

const heartbeatMs = 25_000;

const events = defineRoute({
  method: 'get',
  path: '/api/v1/events',
  access: 'workspace',
  role: 'viewer',
  tags: ['realtime'],
  summary:
    'Server-sent events of one workspace: conversation.created, conversation.updated, mention.created, reply.updated. Each data field is JSON { type, workspaceId, conversationId, … }.',
  request: { query: z.object({ workspace: Uuid }) },
  responses: {
    200: {
      description: 'An event stream',
      content: { 'text/event-stream': { schema: z.string() } },
    },
  },
});

export const eventRoutes = createRouter().openapi(events, (c) => {
  const { realtime } = c.var.deps;
  return streamSSE(c, async (stream) => {
    const queue: ChangeNotice[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = realtime.subscribe(c.var.workspaceId, (notice) => {
      queue.push(notice);
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      wake?.();
    });
    await stream.writeSSE({
      event: 'ready',
      data: JSON.stringify({ workspaceId: c.var.workspaceId }),
    });
    while (!stream.aborted && !stream.closed) {
      const notice = queue.shift();
      // Notices were missed while the database was away: end, so the browser reconnects and
      // refetches.
      if (notice?.type === resyncNoticeType) break;
      if (notice) {
        await stream.writeSSE({ event: notice.type, data: JSON.stringify(notice) });
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, heartbeatMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
      if (queue.length === 0 && !stream.aborted) await stream.write(': keep-alive\n\n');
    }
    unsubscribe();
  });
});
