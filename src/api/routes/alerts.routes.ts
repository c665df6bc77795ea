import { randomBytes } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { publicEgress } from '../../security/egress.ts';
import { raiseAlert } from '../../pipeline/alerts/alert-raise.ts';
import { encryptSecret } from '../../security/secrets.ts';
import { listAlertDeliveries } from '../../store/alerts/alert-deliveries.repository.ts';
import {
  removeAlertDestination,
  findAlertDestination,
  insertAlertDestination,
  listAlertDestinations,
  updateAlertDestination,
} from '../../store/alerts/alert-destinations.repository.ts';
import { acknowledgeAlert, findAlert, listAlerts } from '../../store/alerts/alerts.repository.ts';
import { newId } from '../../store/ids.ts';
import type { AppDependencies } from '../context.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import {
  AlertListQuery,
  AlertListSchema,
  AlertParams,
  AlertSchema,
  CreateDestinationBody,
  CreatedDestinationSchema,
  DeliverySchema,
  DestinationParams,
  DestinationSchema,
  UpdateDestinationBody,
} from '../schemas/alert.schema.ts';

const tags = ['alerts'];
const alertsPath = '/api/v1/workspaces/{workspaceId}/alerts';
const destinationsPath = '/api/v1/workspaces/{workspaceId}/alert-destinations';

const list = defineRoute({
  method: 'get',
  path: alertsPath,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary: 'Alerts (negative spikes, viral posts, SLA breaches), newest first',
  request: { params: WorkspaceParams, query: AlertListQuery },
  responses: { 200: jsonResponse(AlertListSchema, 'A page of alerts') },
});
const acknowledge = defineRoute({
  method: 'post',
  path: `${alertsPath}/{alertId}/acknowledge`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary: 'Mark an alert seen (a second time keeps the first acknowledgement)',
  request: { params: AlertParams },
  responses: { 200: jsonResponse(AlertSchema, 'The alert') },
});
const listDestinations = defineRoute({
  method: 'get',
  path: destinationsPath,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Where alerts are sent: signed webhooks and email addresses',
  request: { params: WorkspaceParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(DestinationSchema) }), 'Destinations'),
  },
});
const createDestination = defineRoute({
  method: 'post',
  path: destinationsPath,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: "Add a destination; a webhook's HMAC secret is returned once",
  request: { params: WorkspaceParams, ...jsonBody(CreateDestinationBody) },
  responses: { 201: jsonResponse(CreatedDestinationSchema, 'The destination') },
});
const updateDestination = defineRoute({
  method: 'patch',
  path: `${destinationsPath}/{destinationId}`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Change where a destination points, or switch it on or off',
  request: { params: DestinationParams, ...jsonBody(UpdateDestinationBody) },
  responses: { 200: jsonResponse(DestinationSchema, 'The destination') },
});
const removeDestination = defineRoute({
  method: 'delete',
  path: `${destinationsPath}/{destinationId}`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Remove a destination (its delivery log stays; a second removal answers the same)',
  request: { params: DestinationParams },
  responses: { 204: { description: 'Removed' } },
});
const testDestination = defineRoute({
  method: 'post',
  path: `${destinationsPath}/{destinationId}/test`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: 'Send a test alert to this destination (delivered by the alert worker)',
  request: { params: DestinationParams },
  responses: { 202: jsonResponse(AlertSchema, 'The test alert, queued') },
});
const deliveries = defineRoute({
  method: 'get',
  path: `${destinationsPath}/{destinationId}/deliveries`,
  access: 'workspace',
  role: 'admin',
  tags,
  summary: "A destination's delivery log: status, attempts and the last error, newest first",
  request: { params: DestinationParams, query: z.object({ limit: AlertListQuery.shape.limit }) },
  responses: {
    200: jsonResponse(z.object({ items: z.array(DeliverySchema) }), 'Deliveries'),
  },
});

type AlertRow = NonNullable<Awaited<ReturnType<typeof findAlert>>>;
type DestinationRow = NonNullable<Awaited<ReturnType<typeof findAlertDestination>>>;

function alertJson(row: AlertRow) {
  return {
    id: row.id,
    kind: row.kind,
    summary: row.summary,
    brandId: row.brand_id,
    conversationId: row.conversation_id,
    mentionId: row.mention_id,
    data: row.data,
    createdAt: row.created_at.toISOString(),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: row.acknowledged_by,
  };
}

function destinationJson(row: DestinationRow) {
  return {
    id: row.id,
    kind: row.kind,
    target: row.target,
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * A webhook written as an internal address (127.0.0.1, 10.x, 169.254.169.254, [::1], localhost)
 * or over plain http is refused when it is added or changed; names are checked again, resolved,
 * at every send (security/egress.ts).
 */
function refuseInternalWebhook(deps: AppDependencies, url: string | undefined): void {
  if (url === undefined) return;
  const problem = (deps.alertEgress ?? publicEgress).urlProblem(url);
  if (problem)
    throw new ApiError(422, 'validation_failed', `The webhook's URL is refused: ${problem}`, {
      field: 'url',
    });
}

const destinationNotFound = () =>
  new ApiError(404, 'alert_destination_not_found', 'No such alert destination in this workspace');

// Registered so a destination's own routes come before its removal: the OpenAPI document
// (and so the isolation matrix) lists them in this order.
export const alertRoutes = createRouter()
  .openapi(list, async (c) => {
    const page = c.req.valid('query');
    const rows = await listAlerts(c.var.deps.store.db, c.var.workspaceId, page);
    return c.json(
      {
        items: rows.map(alertJson),
        nextBefore: rows.length === page.limit ? (rows.at(-1)?.id ?? null) : null,
      },
      200,
    );
  })
  .openapi(acknowledge, async (c) => {
    const { alertId } = c.req.valid('param');
    const { db } = c.var.deps.store;
    const row = await acknowledgeAlert(
      db,
      c.var.workspaceId,
      alertId,
      c.var.user.id,
      c.var.deps.now(),
    );
    if (!row) throw new ApiError(404, 'alert_not_found', 'No such alert in this workspace');
    return c.json(alertJson(row), 200);
  })
  .openapi(listDestinations, async (c) => {
    const rows = await listAlertDestinations(c.var.deps.store.db, c.var.workspaceId);
    return c.json({ items: rows.map(destinationJson) }, 200);
  })
  .openapi(createDestination, async (c) => {
    const body = c.req.valid('json');
    if (body.kind === 'webhook') refuseInternalWebhook(c.var.deps, body.url);
    const id = newId();
    const secret =
      body.kind === 'webhook' ? (body.secret ?? randomBytes(24).toString('base64url')) : null;
    const row = await insertAlertDestination(c.var.deps.store.db, {
      id,
      workspaceId: c.var.workspaceId,
      kind: body.kind,
      target: body.kind === 'webhook' ? body.url : body.address,
      // The destination's id is authenticated with the secret: copied to another row it fails.
      secretEncrypted: secret ? encryptSecret(c.var.deps.channels.secretKey, secret, id) : null,
      enabled: body.enabled,
      now: c.var.deps.now(),
    });
    return c.json({ ...destinationJson(row), secret }, 201);
  })
  .openapi(testDestination, async (c) => {
    const { destinationId } = c.req.valid('param');
    const { db } = c.var.deps.store;
    const destination = await findAlertDestination(db, c.var.workspaceId, destinationId);
    if (!destination) throw destinationNotFound();
    const now = c.var.deps.now();
    const alertId = await db.transaction().execute((tx) =>
      raiseAlert(tx, {
        workspaceId: c.var.workspaceId,
        kind: 'test',
        dedupeKey: `test:${newId()}`,
        summary: `A test alert to ${destination.target}`,
        data: { requestedBy: c.var.user.id },
        createdAt: now,
        destinationIds: [destination.id],
      }),
    );
    const row = alertId ? await findAlert(db, c.var.workspaceId, alertId) : undefined;
    if (!row) throw new ApiError(500, 'internal_error', 'The test alert was not stored');
    return c.json(alertJson(row), 202);
  })
  .openapi(deliveries, async (c) => {
    const { destinationId } = c.req.valid('param');
    const { limit } = c.req.valid('query');
    const { db } = c.var.deps.store;
    if (!(await findAlertDestination(db, c.var.workspaceId, destinationId)))
      throw destinationNotFound();
    const rows = await listAlertDeliveries(db, c.var.workspaceId, { destinationId, limit });
    return c.json(
      {
        items: rows.map((row) => ({
          id: row.id,
          alertId: row.alert_id,
          destinationId: row.destination_id,
          status: row.status,
          attempts: row.attempts,
          lastError: row.last_error,
          sentAt: row.sent_at?.toISOString() ?? null,
          createdAt: row.created_at.toISOString(),
        })),
      },
      200,
    );
  })
  .openapi(updateDestination, async (c) => {
    const { destinationId } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db } = c.var.deps.store;
    const existing = await findAlertDestination(db, c.var.workspaceId, destinationId);
    if (!existing) throw destinationNotFound();
    const wrongField = existing.kind === 'webhook' ? body.address : body.url;
    if (wrongField !== undefined)
      throw new ApiError(
        422,
        'validation_failed',
        existing.kind === 'webhook'
          ? 'A webhook has a url, not an address'
          : 'An email destination has an address, not a url',
      );
    refuseInternalWebhook(c.var.deps, body.url);
    const row = await updateAlertDestination(db, c.var.workspaceId, destinationId, {
      target: body.url ?? body.address,
      enabled: body.enabled,
    });
    if (!row) throw destinationNotFound();
    return c.json(destinationJson(row), 200);
  })
  .openapi(removeDestination, async (c) => {
    const { destinationId } = c.req.valid('param');
    const removed = await removeAlertDestination(
      c.var.deps.store.db,
      c.var.workspaceId,
      destinationId,
      c.var.deps.now(),
    );
    if (!removed) throw destinationNotFound();
    return c.body(null, 204);
  });
