import type { ReplySettings } from '../../store/approvals.repository.ts';
import { findReplySettings, saveReplySettings } from '../../store/approvals.repository.ts';
import { appendEvents } from '../../store/events.repository.ts';
import { listWorkspaceMembers } from '../../store/workspaces.repository.ts';
import { AppError } from '../app-error.ts';
import { userActor } from '../use-case.ts';
import type { UseCaseContext } from '../use-case.ts';

/**
 * Sets whose replies wait for a lead's approval (members of this workspace only, each once), and
 * the CSAT survey after resolution; answers with the settings as stored.
 */
export async function setReplySettings(
  context: UseCaseContext,
  wanted: ReplySettings,
): Promise<ReplySettings> {
  const { db } = context.store;
  const ws = context.workspaceId;
  const members = new Set((await listWorkspaceMembers(db, ws)).map((m) => m.userId));
  const strangers = wanted.approvalUserIds.filter((id) => !members.has(id));
  if (strangers.length > 0)
    throw new AppError('user_not_found', 'not a member of this workspace', { strangers });
  const settings = { ...wanted, approvalUserIds: [...new Set(wanted.approvalUserIds)] };
  await db.transaction().execute(async (tx) => {
    await saveReplySettings(tx, ws, settings, context.now);
    await appendEvents(tx, ws, [
      {
        type: 'reply_settings.changed',
        actor: userActor(context),
        conversationId: null,
        data: settings,
        occurredAt: context.now,
      },
    ]);
  });
  return findReplySettings(db, ws);
}
