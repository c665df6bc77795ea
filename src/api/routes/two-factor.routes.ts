import { z } from '@hono/zod-openapi';
import {
  confirmTwoFactorSetup,
  startTwoFactorSetup,
} from '../../app/two-factor/two-factor-credentials.ts';
import { setTwoFactorRequirement } from '../../app/two-factor/require-two-factor.ts';
import { turnOffTwoFactor, twoFactorStatus } from '../../app/two-factor/turn-off-two-factor.ts';
import { queued } from '../auth/hash-queued.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import {
  RecoveryCodesSchema,
  TwoFactorCodeBody,
  TwoFactorDisableBody,
  TwoFactorRequirementBody,
  TwoFactorSetupSchema,
  TwoFactorStatusSchema,
} from '../schemas/auth.schema.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';

// Two-factor sign-in (issue 17, point 5): the account's own routes, open to a member of a
// workspace that requires it (they enrol here), and the owner's setting.

const status = defineRoute({
  method: 'get',
  path: '/api/v1/auth/two-factor',
  access: 'user',
  tags: ['auth'],
  summary: 'Whether your two-factor sign-in is on, and how many recovery codes are left',
  responses: { 200: jsonResponse(TwoFactorStatusSchema, 'Your two-factor sign-in') },
});

const setup = defineRoute({
  method: 'post',
  path: '/api/v1/auth/two-factor/setup',
  access: 'user',
  tags: ['auth'],
  summary:
    'Start enrolling an authenticator app: a new TOTP secret and its otpauth:// URI, not in force until confirmed with a code (starting again replaces it). Refused while two-factor sign-in is on',
  responses: { 200: jsonResponse(TwoFactorSetupSchema, 'The secret, shown to you only') },
});

const enable = defineRoute({
  method: 'post',
  path: '/api/v1/auth/two-factor/enable',
  access: 'user',
  tags: ['auth'],
  summary:
    'Confirm the enrolment with a code from the app: two-factor sign-in is on, and ten one-time recovery codes are shown this once',
  request: jsonBody(TwoFactorCodeBody),
  responses: { 200: jsonResponse(RecoveryCodesSchema, 'On; keep these codes somewhere safe') },
});

const disable = defineRoute({
  method: 'post',
  path: '/api/v1/auth/two-factor/disable',
  access: 'user',
  tags: ['auth'],
  summary:
    'Turn two-factor sign-in off, proving it is you with your password or a code (from the app, or a recovery code)',
  request: jsonBody(TwoFactorDisableBody),
  responses: { 204: { description: 'Off' } },
});

const requirement = defineRoute({
  method: 'put',
  path: '/api/v1/workspaces/{workspaceId}/two-factor-requirement',
  access: 'workspace',
  role: 'owner',
  tags: ['workspaces'],
  summary:
    "Require two-factor sign-in of the workspace's members: a member without it (by session or API token) gets 403 two_factor_required on every workspace route until they enrol. Turning it on needs it on your own account",
  request: { params: WorkspaceParams, ...jsonBody(TwoFactorRequirementBody) },
  responses: {
    200: jsonResponse(z.object({ required: z.boolean() }), 'The setting as it is now'),
  },
});

export const twoFactorRoutes = createRouter()
  .openapi(status, async (c) =>
    c.json(await twoFactorStatus(c.var.deps.store.db, c.var.user.id), 200),
  )
  .openapi(setup, async (c) => {
    const { store, channels, now } = c.var.deps;
    return c.json(await startTwoFactorSetup(store.db, channels.secretKey, c.var.user, now()), 200);
  })
  .openapi(enable, async (c) => {
    const { store, channels, now } = c.var.deps;
    const { code } = c.req.valid('json');
    const recoveryCodes = await confirmTwoFactorSetup(
      store.db,
      channels.secretKey,
      c.var.user.id,
      code,
      now(),
      c.var.sessionTokenHash,
    );
    return c.json({ recoveryCodes }, 200);
  })
  .openapi(disable, async (c) => {
    const { store, channels, now } = c.var.deps;
    const proof = c.req.valid('json');
    // A password check is a slow hash: it takes its turn in the shared queue.
    await queued(c, `user:${c.var.user.id}`, () =>
      turnOffTwoFactor(store.db, channels.secretKey, c.var.user.id, proof, now()),
    );
    return c.body(null, 204);
  })
  .openapi(requirement, async (c) => {
    const { required } = c.req.valid('json');
    await setTwoFactorRequirement(c.var.deps.store.db, {
      workspaceId: c.var.workspaceId,
      actorId: c.var.user.id,
      required,
      origin: c.var.origin,
      now: c.var.deps.now(),
    });
    return c.json({ required }, 200);
  });
