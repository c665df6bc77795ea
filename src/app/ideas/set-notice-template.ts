import { unknownNoticeVariables } from '../../domain/idea-notices.ts';
import type { NoticeStatus } from '../../domain/idea-notices.ts';
import { saveNoticeTemplate } from '../../store/idea-notices.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';

/**
 * Keeps the workspace's reply for customers whose idea reaches `status`; null (or only blanks)
 * goes back to Earshot's default. A template naming a variable Earshot cannot fill is refused.
 */
export async function setNoticeTemplate(
  context: UseCaseContext,
  status: NoticeStatus,
  body: string | null,
): Promise<void> {
  const kept = body?.trim() ? body : null;
  const unknown = kept ? unknownNoticeVariables(kept) : [];
  if (unknown.length > 0) {
    throw new AppError('unknown_variable', `unknown variable: ${unknown.join(', ')}`, {
      field: 'body',
      unknown,
    });
  }
  await saveNoticeTemplate(context.store.db, {
    workspaceId: context.workspaceId,
    status,
    body: kept,
    userId: context.userId,
    now: context.now,
  });
}
