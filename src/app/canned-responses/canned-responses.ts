import { unknownVariables } from '../../domain/canned-response.ts';
import {
  insertCannedResponse,
  updateCannedResponse as saveCannedResponseChanges,
} from '../../store/canned-responses.repository.ts';
import { findTeam } from '../../store/teams.repository.ts';
import { AppError } from '../app-error.ts';
import { recordSettingsEvent } from '../settings-event.ts';
import type { WorkspaceAction } from '../workspace-action.ts';

export interface CannedResponseInput {
  name: string;
  body: string;
  /** A team's own response; null shares it with the whole workspace. */
  teamId: string | null;
}

type Row = Awaited<ReturnType<typeof insertCannedResponse>>;

/** A body may only use the variables Earshot fills, and a team must be this workspace's. */
async function checkSaved(action: WorkspaceAction, body?: string, teamId?: string | null) {
  const unknown = body === undefined ? [] : unknownVariables(body);
  if (unknown.length > 0) {
    throw new AppError(
      'unknown_variable',
      `unknown variables: ${unknown.map((name) => `{{${name}}}`).join(', ')}`,
      { unknown },
    );
  }
  if (teamId && !(await findTeam(action.db, action.workspaceId, teamId)))
    throw new AppError('team_not_found', 'no such team');
}

function saved(action: WorkspaceAction, row: Row) {
  return recordSettingsEvent(action, 'canned_response.saved', {
    cannedResponseId: row.id,
    name: row.name,
    teamId: row.team_id,
  });
}

/** Saves a new canned response and records who saved it. */
export async function createCannedResponse(action: WorkspaceAction, input: CannedResponseInput) {
  return action.db.transaction().execute(async (tx) => {
    const inTx = { ...action, db: tx };
    await checkSaved(inTx, input.body, input.teamId);
    const created = await insertCannedResponse(tx, {
      workspaceId: action.workspaceId,
      ...input,
      createdBy: action.actorId,
      now: action.now,
    });
    await saved(inTx, created);
    return created;
  });
}

/** Changes a canned response and records who saved it. */
export async function updateCannedResponse(
  action: WorkspaceAction,
  cannedResponseId: string,
  patch: Partial<CannedResponseInput>,
) {
  return action.db.transaction().execute(async (tx) => {
    const inTx = { ...action, db: tx };
    await checkSaved(inTx, patch.body, patch.teamId);
    const changed = await saveCannedResponseChanges(
      tx,
      action.workspaceId,
      cannedResponseId,
      patch,
      action.now,
    );
    if (!changed) throw new AppError('canned_response_not_found', 'no such canned response');
    await saved(inTx, changed);
    return changed;
  });
}
