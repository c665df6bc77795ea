import { saveBusinessHours } from '../../app/sla/save-business-hours.ts';
import { isOpen, nextOpening } from '../../domain/business-hours.ts';
import { findTeamHours, hoursOf } from '../../store/sla/business-hours.repository.ts';
import type { TeamHoursSettings } from '../../store/sla/business-hours.repository.ts';
import { findTeam } from '../../store/teams.repository.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { BusinessHoursBody, BusinessHoursSchema, TeamParams } from '../schemas/sla.schema.ts';

const path = '/api/v1/workspaces/{workspaceId}/teams/{teamId}/business-hours';

const read = defineRoute({
  method: 'get',
  path,
  access: 'workspace',
  role: 'agent',
  tags: ['sla'],
  summary: "A team's business hours, holidays and out-of-hours acknowledgement",
  request: { params: TeamParams },
  responses: { 200: jsonResponse(BusinessHoursSchema, 'The hours') },
});

const write = defineRoute({
  method: 'put',
  path,
  access: 'workspace',
  role: 'admin',
  tags: ['sla'],
  summary: "Set a team's hours (or 24/7), holidays, acknowledgement and follow-the-sun group",
  request: { params: TeamParams, ...jsonBody(BusinessHoursBody) },
  responses: { 200: jsonResponse(BusinessHoursSchema, 'The hours') },
});

// Until an admin sets hours, a team answers around the clock (UTC): no clock stops at night.
const unset: TeamHoursSettings = {
  alwaysOpen: true,
  timeZone: 'UTC',
  week: {},
  holidays: [],
  acknowledgement: null,
  followTheSunGroup: null,
};

function present(teamId: string, settings: TeamHoursSettings | undefined, now: Date) {
  const current = settings ?? unset;
  const hours = hoursOf(current);
  return {
    teamId,
    configured: settings !== undefined,
    ...current,
    openNow: isOpen(now, hours),
    nextOpeningAt: nextOpening(now, hours)?.toISOString() ?? null,
  };
}

export const businessHoursRoutes = createRouter()
  .openapi(read, async (c) => {
    const { teamId } = c.req.valid('param');
    const { store, now } = c.var.deps;
    if (!(await findTeam(store.db, c.var.workspaceId, teamId)))
      throw new ApiError(404, 'team_not_found', 'no such team');
    return c.json(
      present(teamId, await findTeamHours(store.db, c.var.workspaceId, teamId), now()),
      200,
    );
  })
  .openapi(write, async (c) => {
    const { teamId } = c.req.valid('param');
    const settings = c.req.valid('json');
    const context = useCaseContext(c.var);
    await saveBusinessHours(context, teamId, settings);
    return c.json(present(teamId, settings, context.now), 200);
  });
