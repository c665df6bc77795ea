import { claimReplies, deliverReply } from './outbox.ts';
import type { OutboxOptions } from './outbox.ts';

/** Sends replies as they come due, never waiting on one to start the next. */
interface OutboxDispatcher {
  /** Claims what fits in the free slots and starts sending it; returns how many it started. */
  pass(): Promise<number>;
  /** Resolves once every send started so far has been recorded. */
  drain(): Promise<void>;
}

/**
 * Runs sends side by side: at most `maxInFlight` at once in this process, at most
 * `options.perAccount` per channel account across processes (the claim counts what is out), and
 * each under the outbox's deadline. A receiver that stalls holds its own account's slots until
 * the deadline, never the others': the next pass claims their replies at once.
 */
export function createOutboxDispatcher(
  options: OutboxOptions & {
    maxInFlight?: number;
    /** Called when a send is recorded, so the caller can claim into the freed slot. */
    onSettled?: () => void;
  },
): OutboxDispatcher {
  const maxInFlight = options.maxInFlight ?? 20;
  const inFlight = new Set<Promise<void>>();
  return {
    async pass() {
      const free = maxInFlight - inFlight.size;
      if (free <= 0) return 0;
      const claimed = await claimReplies(options, free);
      for (const reply of claimed) {
        const sending = deliverReply(options, reply)
          .catch((error: unknown) => {
            // The outcome could not be recorded (the database went away): the lease runs out
            // and the next claim looks for the post before sending again.
            options.logger.error({ err: error, replyId: reply.id }, 'reply outcome not recorded');
          })
          .finally(() => {
            inFlight.delete(sending);
            options.onSettled?.();
          });
        inFlight.add(sending);
      }
      return claimed.length;
    },
    async drain() {
      await Promise.all(inFlight);
    },
  };
}
