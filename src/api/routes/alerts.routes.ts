import { z } from '@hono/zod-openapi';
import {
  createAlertDestination,
  destinationNotFound,
  removeAlertDestination,
  updateAlertDestination,
} from '../../app/alerts/alert-destinations.ts';
import { acknowledgeAlert, sendTestAlert } from '../../app/alerts/alerts.ts';
import { publicEgress } from '../../security/egress.ts';
import { listAlertDeliveries } from '../../store/alerts/alert-deliveries.repository.ts';
import {
  findAlertDestination,
  listAlertDestinations,
} from '../../store/alerts/alert-destinations.repository.ts';
import { listAlerts } from '../../store/alerts/alerts.repository.ts';
import type { findAlert } from '../../store/alerts/alerts.repository.ts';
import type { AppDependencies } from '../context.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
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

/** Where alert webhooks may point: public https only unless the server was told otherwise. */
const alertEgress = (deps: AppDependencies) => deps.alertEgress ?? publicEgress;

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
    return c.json(alertJson(await acknowledgeAlert(useCaseContext(c.var), alertId)), 200);
  })
  .openapi(listDestinations, async (c) => {
    const rows = await listAlertDestinations(c.var.deps.store.db, c.var.workspaceId);
    return c.json({ items: rows.map(destinationJson) }, 200);
  })
  .openapi(createDestination, async (c) => {
    const { row, secret } = await createAlertDestination(
      useCaseContext(c.var),
      alertEgress(c.var.deps),
      c.var.deps.channels.secretKey,
      c.req.valid('json'),
    );
    return c.json({ ...destinationJson(row), secret }, 201);
  })
  .openapi(testDestination, async (c) => {
    const { destinationId } = c.req.valid('param');
    const row = await sendTestAlert(useCaseContext(c.var), destinationId);
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
    const row = await updateAlertDestination(
      useCaseContext(c.var),
      alertEgress(c.var.deps),
      destinationId,
      c.req.valid('json'),
    );
    return c.json(destinationJson(row), 200);
  })
  .openapi(removeDestination, async (c) => {
    const { destinationId } = c.req.valid('param');
    await removeAlertDestination(useCaseContext(c.var), destinationId);
    return c.body(null, 204);
  });
