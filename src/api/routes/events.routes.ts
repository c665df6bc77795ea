import { z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { Context } from 'hono';
import { streamEventOf, streamEventTypes } from '../../domain/live-events.ts';
import type { ChangeNotice } from '../../store/changes.ts';
import { findLiveApiToken, findLiveSession } from '../../store/sessions.repository.ts';
import { findWorkspaceAccess } from '../../store/two-factor.repository.ts';
import { accountSettings } from '../auth/account-settings.ts';
import type { AppEnv } from '../context.ts';
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
  summary: `Server-sent events of one workspace: ${streamEventTypes.join(', ')}. Each data field is JSON { type, workspaceId, conversationId?, mentionId?, replyId? }: ids only, never a row (read it through the conversation routes; \`ids=\` on the list patches an open list). Each event has an \`id\`, 1, 2, 3… within the stream: a number skipped is an event missed. A reconnect (whatever its Last-Event-ID) starts a new stream at 1 and does not replay: the client refetches what it shows. A last \`closed\` event ends the stream when its session is logged out, ended or expires, its API token is revoked or expires, or its user is removed from the workspace or deactivated.`,
  request: { query: z.object({ workspace: Uuid }) },
  responses: {
    200: {
      description: 'An event stream',
      content: { 'text/event-stream': { schema: z.string() } },
    },
  },
});

/**
 * Whether the stream's caller may still listen: their session (unexpired) or API token (not
 * revoked) is still there, and they are still a member of the workspace.
 */
async function stillAllowed(c: Context<AppEnv>): Promise<boolean> {
  const { store, now } = c.var.deps;
  const { sessionTokenHash, apiTokenHash } = c.var;
  const signedIn = apiTokenHash
    ? await findLiveApiToken(store.db, apiTokenHash, now())
    : sessionTokenHash
      ? await findLiveSession(
          store.db,
          sessionTokenHash,
          now(),
          accountSettings(c.var.deps).sessionIdleMs,
        )
      : undefined;
  if (!signedIn) return false;
  const access = await findWorkspaceAccess(store.db, c.var.workspaceId, c.var.user.id);
  return access !== undefined && (!access.requireTwoFactor || access.twoFactorEnabled);
}

export const eventRoutes = createRouter().openapi(events, (c) => {
  const { realtime, logger } = c.var.deps;
  return streamSSE(c, async (stream) => {
    const queue: ChangeNotice[] = [];
    let sequence = 0;
    let wake: (() => void) | undefined;
    // Checked when any process says this user's access changed, and at every heartbeat (which
    // also catches a session that simply expired).
    let checkAccess = false;
    const unsubscribe = realtime.subscribe(c.var.workspaceId, (notice) => {
      queue.push(notice);
      wake?.();
    });
    const unwatch = realtime.watchAccess(c.var.user.id, () => {
      checkAccess = true;
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      unwatch();
      wake?.();
    });
    await stream.writeSSE({
      event: 'ready',
      data: JSON.stringify({ workspaceId: c.var.workspaceId }),
    });
    while (!stream.aborted && !stream.closed) {
      if (checkAccess) {
        checkAccess = false;
        const allowed = await stillAllowed(c).catch((error: unknown) => {
          // A database blip is no reason to drop a stream; the next heartbeat checks again.
          logger.warn({ err: error }, 'could not check an event stream access; keeping it open');
          return true;
        });
        if (!allowed) {
          await stream.writeSSE({ event: 'closed', data: JSON.stringify({ reason: 'access' }) });
          break;
        }
      }
      const notice = queue.shift();
      // Notices were missed while the database was away: end, so the browser reconnects and
      // refetches.
      if (notice?.type === resyncNoticeType) break;
      if (notice) {
        const event = streamEventOf(notice);
        // Numbered per stream, so the browser can tell a missed event (ADR 0012).
        if (event)
          await stream.writeSSE({
            id: String((sequence += 1)),
            event: event.type,
            data: JSON.stringify(event),
          });
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
      if (queue.length === 0 && !checkAccess && !stream.aborted) {
        await stream.write(': keep-alive\n\n');
        checkAccess = true;
      }
    }
    unsubscribe();
    unwatch();
  });
});
