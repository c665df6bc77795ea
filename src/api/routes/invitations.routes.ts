import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { acceptInvitation, describeInvitation } from '../../app/auth/accept-invitation.ts';
import { revokeInvitation } from '../../app/workspaces/invitations.ts';
import { listPendingInvitations } from '../../store/invitations.repository.ts';
import { accountLink, accountSettings, sendAccountMail } from '../auth/account-settings.ts';
import { hashQueued } from '../auth/hash-queued.ts';
import { signIn } from '../auth/session-cookie.ts';
import { clientAddress, requestOrigin } from '../client-address.ts';
import type { AppEnv } from '../context.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import {
  AcceptInvitationBody,
  InvitationPreviewSchema,
  InvitationSchema,
  InvitationTokenBody,
  SessionSchema,
} from '../schemas/auth.schema.ts';
import { Uuid, WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { useCaseContext } from '../use-case-context.ts';

const list = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/invitations',
  access: 'workspace',
  role: 'admin',
  tags: ['members'],
  summary: 'Pending invitations (not accepted, revoked or expired); never their links',
  request: { params: WorkspaceParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(InvitationSchema) }), 'Pending invitations'),
  },
});

const revoke = defineRoute({
  method: 'delete',
  path: '/api/v1/workspaces/{workspaceId}/invitations/{invitationId}',
  access: 'workspace',
  role: 'admin',
  tags: ['members'],
  summary: 'Revoke a pending invitation: its link stops working',
  request: { params: WorkspaceParams.extend({ invitationId: Uuid }) },
  responses: { 204: { description: 'Revoked' } },
});

const preview = defineRoute({
  method: 'post',
  path: '/api/v1/invitations/preview',
  access: 'public',
  tags: ['members'],
  summary: 'What an invitation link is for (email, workspace, role), before accepting it',
  request: jsonBody(InvitationTokenBody),
  responses: { 200: jsonResponse(InvitationPreviewSchema, 'The invitation') },
});

const accept = defineRoute({
  method: 'post',
  path: '/api/v1/invitations/accept',
  access: 'public',
  tags: ['members'],
  summary:
    'Accept an invitation (single-use): set your password, join the workspace, and be signed in',
  request: jsonBody(AcceptInvitationBody),
  responses: { 200: jsonResponse(SessionSchema, 'Account ready, signed in') },
});

/** Emails an invitation's link when SMTP is configured; true when it was sent. */
export async function mailInvitation(
  c: Context<AppEnv>,
  invitation: { email: string; token: string; expiresAt: string },
): Promise<boolean> {
  const settings = accountSettings(c.var.deps);
  const link = accountLink(settings, 'invite', invitation.token);
  try {
    return await sendAccountMail(settings, {
      to: invitation.email,
      subject: `${c.var.user.name} invited you to Earshot`,
      text: `${c.var.user.name} invited you to a workspace on Earshot.\n\nSet your password and sign in here (the link works once, until ${invitation.expiresAt}):\n${link}\n`,
    });
  } catch (error) {
    // The admin still has the link to pass on by hand.
    c.var.deps.logger.warn({ err: error }, 'could not email an invitation');
    return false;
  }
}

export const invitationRoutes = createRouter()
  .openapi(list, async (c) => {
    const rows = await listPendingInvitations(
      c.var.deps.store.db,
      c.var.workspaceId,
      c.var.deps.now(),
    );
    const items = rows.map((row) => ({
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      createdAt: row.created_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
      invitedBy: row.invitedByName,
    }));
    return c.json({ items }, 200);
  })
  .openapi(revoke, async (c) => {
    const { invitationId } = c.req.valid('param');
    await revokeInvitation(useCaseContext(c.var), invitationId);
    return c.body(null, 204);
  })
  .openapi(preview, async (c) => {
    const { token } = c.req.valid('json');
    return c.json(await describeInvitation(c.var.deps.store.db, token, c.var.deps.now()), 200);
  })
  .openapi(accept, async (c) => {
    const { token, name, password } = c.req.valid('json');
    const { store, now, trustProxy } = c.var.deps;
    await describeInvitation(store.db, token, now());
    const passwordHash = await hashQueued(c, clientAddress(c, trustProxy), password);
    const user = await acceptInvitation(store.db, {
      token,
      name,
      passwordHash,
      now: now(),
      origin: requestOrigin(c, null),
    });
    return c.json(await signIn(c, user), 200);
  });
