import type { RawEvent } from '../channel.ts';

interface BatchDeliveryOptions {
  deliver(events: RawEvent[]): Promise<void>;
  onError(error: Error): void;
  /** Most events handed to `deliver` at once. */
  maxBatch?: number;
  /** Events buffered before `push` makes the firehose wait. */
  maxPending?: number;
  /** First wait after a failed delivery; doubles up to 30 s. */
  retryDelayMs?: number;
}

/**
 * Hands events to the caller in order, in batches: whatever arrived while the previous batch was
 * being stored goes in the next one, so a slow store gets bigger batches instead of a backlog of
 * tiny ones. A failed batch is retried as it was (at-least-once; the caller dedupes), and a full
 * buffer holds up the firehose rather than growing without bound.
 */
export class BatchDelivery {
  readonly #options: Required<BatchDeliveryOptions>;
  #pending: RawEvent[] = [];
  #flushing: Promise<void> | undefined;
  #closed = false;
  #wakeRetry: (() => void) | undefined;

  constructor(options: BatchDeliveryOptions) {
    this.#options = { maxBatch: 200, maxPending: 1000, retryDelayMs: 500, ...options };
  }

  /** Queues one event; resolves at once unless the buffer is full. */
  async push(event: RawEvent): Promise<void> {
    if (this.#closed) return;
    this.#pending.push(event);
    this.#flushing ??= this.#flush();
    if (this.#pending.length >= this.#options.maxPending) await this.#flushing;
  }

  /** Resolves once every queued event has been delivered (or the delivery was closed). */
  async drain(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  /** Stops retrying; events not yet delivered are left for the next run to replay from its cursor. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#wakeRetry?.();
    await this.drain();
  }

  async #flush(): Promise<void> {
    // Yield first, so #flushing is set before the finally below can clear it.
    await Promise.resolve();
    let failures = 0;
    try {
      while (this.#pending.length > 0 && !this.#closed) {
        const batch = this.#pending.slice(0, this.#options.maxBatch);
        try {
          await this.#options.deliver(batch);
          this.#pending.splice(0, batch.length);
          failures = 0;
        } catch (error) {
          this.#options.onError(error instanceof Error ? error : new Error(String(error)));
          await this.#sleep(Math.min(this.#options.retryDelayMs * 2 ** failures, 30_000));
          failures += 1;
        }
      }
    } finally {
      // Cleared in the same tick as the loop's last check, so a push never finds a finished flush.
      this.#flushing = undefined;
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wakeRetry = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
