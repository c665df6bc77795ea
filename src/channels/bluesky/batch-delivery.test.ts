import { describe, expect, it } from 'vitest';
import type { RawEvent } from '../channel.ts';
import { BatchDelivery } from './batch-delivery.ts';

const event = (seq: number): RawEvent => ({ raw: { seq }, cursor: String(seq) });
const cursors = (batches: RawEvent[][]) => batches.map((batch) => batch.map((item) => item.cursor));

function gate() {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('BatchDelivery', () => {
  it('batches what arrives while the previous batch is being stored, in order', async () => {
    const batches: RawEvent[][] = [];
    const first = gate();
    const delivery = new BatchDelivery({
      deliver: async (batch) => {
        batches.push(batch);
        if (batches.length === 1) await first.opened;
      },
      onError: () => undefined,
    });
    await delivery.push(event(1));
    await new Promise((resolve) => setImmediate(resolve));
    await delivery.push(event(2));
    await delivery.push(event(3));
    first.open();
    await delivery.drain();
    expect(cursors(batches)).toEqual([['1'], ['2', '3']]);
  });

  it('retries a failed batch as it was, reporting the error, before going on', async () => {
    const attempts: RawEvent[][] = [];
    const errors: Error[] = [];
    const delivery = new BatchDelivery({
      deliver: async (batch) => {
        attempts.push(batch);
        if (attempts.length === 1) throw new Error('database is down');
      },
      onError: (error) => errors.push(error),
      retryDelayMs: 1,
    });
    await delivery.push(event(1));
    await delivery.drain();
    await delivery.push(event(2));
    await delivery.drain();
    expect(cursors(attempts)).toEqual([['1'], ['1'], ['2']]);
    expect(errors.map((error) => error.message)).toEqual(['database is down']);
  });

  it('makes the producer wait when the buffer is full', async () => {
    const release = gate();
    const delivery = new BatchDelivery({
      deliver: () => release.opened,
      onError: () => undefined,
      maxPending: 2,
      maxBatch: 10,
    });
    await delivery.push(event(1));
    let thirdQueued = false;
    const second = delivery.push(event(2)).then(() => (thirdQueued = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(thirdQueued).toBe(false);
    release.open();
    await second;
    expect(thirdQueued).toBe(true);
  });

  it('stops retrying once closed, leaving the rest for the next run', async () => {
    let attempts = 0;
    const delivery = new BatchDelivery({
      deliver: async () => {
        attempts += 1;
        throw new Error('still down');
      },
      onError: () => undefined,
      retryDelayMs: 60_000,
    });
    await delivery.push(event(1));
    await new Promise((resolve) => setImmediate(resolve));
    await delivery.close();
    await delivery.push(event(2));
    expect(attempts).toBe(1);
  });
});
