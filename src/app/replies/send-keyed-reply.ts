import { findReplyByIdempotencyKey } from '../../store/replies.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';
import { sendReply } from './send-reply.ts';

/**
 * Sends a reply Earshot writes on someone's behalf (an idea notice, a contest message) under a
 * fixed Idempotency-Key, and gives its id; null when the post answered was deleted meanwhile.
 * A teammate's reply under the same key with other words is theirs: its id is given back,
 * so nobody is answered twice (ADR 0008).
 */
export async function sendKeyedReply(
  context: UseCaseContext,
  draft: Omit<Parameters<typeof sendReply>[1], 'draft' | 'idempotencyKey'> & {
    idempotencyKey: string;
  },
): Promise<string | null> {
  return sendReply(context, { ...draft, draft: false }).then(
    (answer) => answer.reply.id,
    async (error: unknown) => {
      if (error instanceof AppError && error.code === 'reply_target_deleted') return null;
      if (error instanceof AppError && error.code === 'idempotency_key_reused') {
        const theirs = await findReplyByIdempotencyKey(
          context.store.db,
          context.workspaceId,
          `${context.workspaceId}:${draft.idempotencyKey}`,
        );
        if (theirs) return theirs.id;
      }
      throw error;
    },
  );
}
