import type { Kysely } from 'kysely';
import { unknownVariables } from '../../domain/canned-response.ts';
import {
  findCannedResponse,
  insertCannedResponse,
  updateCannedResponse as saveCannedResponseChanges,
} from '../../store/canned-responses.repository.ts';
import type { Database } from '../../store/schema.ts';
import { findTeam } from '../../store/teams.repository.ts';
import { AppError } from '../app-error.ts';
import { recordChange } from '../audit.ts';
import { recordSettingsEvent } from '../settings-event.ts';
import type { UseCaseContext } from '../use-case.ts';

interface CannedResponseInput {
  name: string;
  body: string;
  /** A team's own response; null shares it with the whole workspace. */
  teamId: string | null;
}

type Row = Awaited<ReturnType<typeof insertCannedResponse>>;

/** A body may only use the variables Earshot fills, and a team must be this workspace's. */
async function checkSaved(
  db: Kysely<Database>,
  context: UseCaseContext,
  body?: string,
  teamId?: string | null,
) {
  const unknown = body === undefined ? [] : unknownVariables(body);
  if (unknown.length > 0) {
    throw new AppError(
      'unknown_variable',
      `unknown variables: ${unknown.map((name) => `{{${name}}}`).join(', ')}`,
      { unknown },
    );
  }
  if (teamId && !(await findTeam(db, context.workspaceId, teamId)))
    throw new AppError('team_not_found', 'no such team');
}

/** What the audit log keeps of a canned response. */
function cannedSnapshot(row: { name: string; body: string; team_id: string | null }) {
  return { name: row.name, body: row.body, teamId: row.team_id };
}

function saved(db: Kysely<Database>, context: UseCaseContext, row: Row) {
  return recordSettingsEvent(db, context, 'canned_response.saved', {
    cannedResponseId: row.id,
    name: row.name,
    teamId: row.team_id,
  });
}

/** Saves a new canned response and records who saved it. */
export async function createCannedResponse(context: UseCaseContext, input: CannedResponseInput) {
  return context.store.db.transaction().execute(async (tx) => {
    await checkSaved(tx, context, input.body, input.teamId);
    const created = await insertCannedResponse(tx, {
      workspaceId: context.workspaceId,
      ...input,
      createdBy: context.userId,
      now: context.now,
    });
    await saved(tx, context, created);
    await recordChange(tx, context, {
      kind: 'canned_response.created',
      target: { type: 'canned_response', id: created.id },
      after: cannedSnapshot(created),
    });
    return created;
  });
}

/** Changes a canned response and records who saved it. */
export async function updateCannedResponse(
  context: UseCaseContext,
  cannedResponseId: string,
  patch: Partial<CannedResponseInput>,
) {
  return context.store.db.transaction().execute(async (tx) => {
    await checkSaved(tx, context, patch.body, patch.teamId);
    const before = await findCannedResponse(tx, context.workspaceId, cannedResponseId);
    const changed = await saveCannedResponseChanges(
      tx,
      context.workspaceId,
      cannedResponseId,
      patch,
      context.now,
    );
    if (!changed) throw new AppError('canned_response_not_found', 'no such canned response');
    await saved(tx, context, changed);
    await recordChange(tx, context, {
      kind: 'canned_response.updated',
      target: { type: 'canned_response', id: cannedResponseId },
      before: before ? cannedSnapshot(before) : null,
      after: cannedSnapshot(changed),
    });
    return changed;
  });
}
