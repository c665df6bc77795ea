import { z } from '@hono/zod-openapi';
import { streamEventTypes } from '../../domain/live-events.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { sseFrame } from '../realtime.ts';
import { streamAccessChecker } from '../stream-access.ts';
import { Uuid } from '../schemas/common.schema.ts';

const events = defineRoute({
  method: 'get',
  path: '/api/v1/events',
  access: 'workspace',
  role: 'viewer',
  tags: ['realtime'],
  summary: `Server-sent events of one workspace: ${streamEventTypes.join(', ')}. Each data field is JSON { type, workspaceId, conversationId?, mentionId?, replyId? }: ids only, never a row (read it through the conversation routes; \`ids=\` on the list patches an open list). Each event has an \`id\` that goes up by one from event to event of the stream: a number skipped is an event missed. A reconnect (whatever its Last-Event-ID) does not replay: the client refetches what it shows. A last \`closed\` event ends the stream when its session is logged out, ended or expires, its API token is revoked or expires, or its user is removed from the workspace or deactivated.`,
  request: { query: z.object({ workspace: Uuid }) },
  responses: {
    200: {
      description: 'An event stream',
      content: { 'text/event-stream': { schema: z.string() } },
    },
  },
});

/**
 * Bytes a stream may have queued, unread by its browser, before it is ended: a reader that
 * stopped reading (a frozen tab, a dead network) costs at most this much memory, and never
 * slows anyone else. The browser reconnects and refetches, as after any end.
 */
export const maxStreamBacklogBytes = 1024 * 1024;

export const eventRoutes = createRouter().openapi(events, (c) => {
  const { realtime, logger } = c.var.deps;
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  let close = () => {};
  const finish = (last?: string) => {
    if (!open) return;
    open = false;
    close();
    if (last) controller.enqueue(encoder.encode(last));
    controller.close();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start: (streamController) => {
        controller = streamController;
      },
      cancel: () => {
        // The browser went away.
        open = false;
        close();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
  );
  const checker = streamAccessChecker(c.var.deps);
  const caller = {
    workspaceId: c.var.workspaceId,
    userId: c.var.user.id,
    sessionTokenHash: c.var.sessionTokenHash,
    apiTokenHash: c.var.apiTokenHash,
  };
  let checking = false;
  const checkAccess = async () => {
    if (!open || checking) return;
    checking = true;
    const allowed = await checker.check(caller).catch((error: unknown) => {
      // A database blip is no reason to drop a stream; the next heartbeat checks again.
      logger.warn({ err: error }, 'could not check an event stream access; keeping it open');
      return true;
    });
    checking = false;
    if (!allowed) finish(sseFrame('closed', JSON.stringify({ reason: 'access' })));
  };
  controller.enqueue(
    encoder.encode(sseFrame('ready', JSON.stringify({ workspaceId: c.var.workspaceId }))),
  );
  close = realtime.openStream(c.var.workspaceId, c.var.user.id, {
    sink: {
      write(frame) {
        if (!open) return;
        if (-(controller.desiredSize ?? 0) > maxStreamBacklogBytes) {
          open = false;
          close();
          logger.info(
            { workspaceId: c.var.workspaceId, userId: c.var.user.id },
            'ended an event stream whose reader fell too far behind',
          );
          controller.error(new Error('the reader fell too far behind'));
          return;
        }
        controller.enqueue(frame);
      },
      end: () => finish(),
    },
    checkAccess,
  });
  return c.newResponse(body, 200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'Transfer-Encoding': 'chunked',
  });
});
