import { z } from '@hono/zod-openapi';
import { changePassword } from '../../app/auth/change-password.ts';
import { endOwnSession } from '../../app/auth/log-out.ts';
import { confirmPasswordReset, issuePasswordReset } from '../../app/auth/password-reset.ts';
import { hashPassword } from '../../security/passwords.ts';
import { listUserSessions } from '../../store/sessions.repository.ts';
import {
  accountLink,
  accountSettings,
  passwordResetLifetimeMs,
  sendAccountMail,
} from '../auth/account-settings.ts';
import { hashQueued, queued } from '../auth/hash-queued.ts';
import { signIn } from '../auth/session-cookie.ts';
import { clientAddress, requestOrigin } from '../client-address.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import {
  ChangePasswordBody,
  PasswordResetBody,
  PasswordResetConfirmBody,
  SessionInfoSchema,
  SessionSchema,
} from '../schemas/auth.schema.ts';
import { Uuid, jsonBody, jsonResponse } from '../schemas/common.schema.ts';

const changeOwnPassword = defineRoute({
  method: 'post',
  path: '/api/v1/auth/password',
  access: 'user',
  tags: ['auth'],
  summary:
    'Change your password; every other session of yours ends, with its event streams (this one stays)',
  request: jsonBody(ChangePasswordBody),
  responses: { 204: { description: 'Changed' } },
});

const requestReset = defineRoute({
  method: 'post',
  path: '/api/v1/auth/password-reset',
  access: 'public',
  tags: ['auth'],
  summary:
    'Email a one-time password reset link (valid 1 hour) when SMTP is configured; answers the same whether or not the email has an account',
  request: jsonBody(PasswordResetBody),
  responses: { 202: { description: 'If the email has an account, a link is on its way' } },
});

const confirmReset = defineRoute({
  method: 'post',
  path: '/api/v1/auth/password-reset/confirm',
  access: 'public',
  tags: ['auth'],
  summary:
    'Set a new password with a reset link (single-use); every session of the user ends and this request is signed in',
  request: jsonBody(PasswordResetConfirmBody),
  responses: { 200: jsonResponse(SessionSchema, 'Password set, signed in') },
});

const listSessions = defineRoute({
  method: 'get',
  path: '/api/v1/auth/sessions',
  access: 'user',
  tags: ['auth'],
  summary: 'Your signed-in sessions (never their secrets); `current` marks this one',
  responses: {
    200: jsonResponse(z.object({ items: z.array(SessionInfoSchema) }), 'Your sessions'),
  },
});

const endSession = defineRoute({
  method: 'delete',
  path: '/api/v1/auth/sessions/{sessionId}',
  access: 'user',
  tags: ['auth'],
  summary: 'End one of your sessions; its event streams close',
  request: { params: z.object({ sessionId: Uuid }) },
  responses: { 204: { description: 'Ended' } },
});

export const accountRoutes = createRouter()
  .openapi(changeOwnPassword, async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    // Checking the current password and hashing the new one take one turn of the queue.
    await queued(c, `user:${c.var.user.id}`, () =>
      changePassword(c.var.deps.store.db, {
        userId: c.var.user.id,
        currentPassword,
        hashNewPassword: () => hashPassword(newPassword),
        keepSessionTokenHash: c.var.sessionTokenHash,
        now: c.var.deps.now(),
        origin: c.var.origin,
      }),
    );
    return c.body(null, 204);
  })
  .openapi(requestReset, async (c) => {
    const { email } = c.req.valid('json');
    const settings = accountSettings(c.var.deps);
    const { store, now, logger } = c.var.deps;
    // Without SMTP there is nobody to send a link to: `earshot user reset-password` prints one.
    if (settings.smtp) {
      const issued = await issuePasswordReset(store.db, email, now(), passwordResetLifetimeMs);
      if (issued) {
        const link = accountLink(settings, 'reset-password', issued.token);
        // Sent after answering, so the answer takes as long whether or not the email exists.
        void sendAccountMail(settings, {
          to: issued.email,
          subject: 'Reset your Earshot password',
          text: `Someone (hopefully you) asked to reset your Earshot password.\n\nSet a new one here within the hour:\n${link}\n\nIf it was not you, ignore this email: your password stays as it is.\n`,
        }).catch((error: unknown) =>
          logger.warn({ err: error }, 'could not email a password reset link'),
        );
      }
    }
    return c.body(null, 202);
  })
  .openapi(confirmReset, async (c) => {
    const { token, newPassword } = c.req.valid('json');
    const address = clientAddress(c, c.var.deps.trustProxy);
    const passwordHash = await hashQueued(c, address, newPassword);
    const user = await confirmPasswordReset(
      c.var.deps.store.db,
      token,
      passwordHash,
      c.var.deps.now(),
      requestOrigin(c, null),
    );
    return c.json(await signIn(c, user), 200);
  })
  .openapi(listSessions, async (c) => {
    const { store, now } = c.var.deps;
    const rows = await listUserSessions(
      store.db,
      c.var.user.id,
      now(),
      accountSettings(c.var.deps).sessionIdleMs,
    );
    const items = rows.map((row) => ({
      id: row.id,
      current: row.token_hash === c.var.sessionTokenHash,
      createdAt: row.created_at.toISOString(),
      lastSeenAt: row.last_seen_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
      userAgent: row.user_agent,
    }));
    return c.json({ items }, 200);
  })
  .openapi(endSession, async (c) => {
    const { sessionId } = c.req.valid('param');
    await endOwnSession(c.var.deps.store.db, c.var.user.id, sessionId);
    return c.body(null, 204);
  });
