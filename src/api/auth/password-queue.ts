import { availableParallelism } from 'node:os';

interface Waiting {
  key: string;
  start: () => void;
}

interface PasswordQueueOptions {
  /** Hashes running at once (each scrypt at the default cost takes ~128 MiB and a core). */
  concurrency?: number;
  /** Hashes one key (a client address) may have running or waiting. */
  perKey?: number;
  /** Hashes waiting in all. */
  maxWaiting?: number;
}

type Queued<T> = { admitted: true; value: T } | { admitted: false };

/**
 * Runs password hashes (scrypt, on libuv's thread pool) a few at a time, in turns between keys,
 * so a flood of logins cannot stall the server or everyone else's login:
 * - at most `concurrency` run at once, and one key never holds more than one of them while
 *   others wait — with two or more slots, one address alone leaves a slot free for the rest;
 * - waiting hashes start in round-robin order of their keys, not in arrival order;
 * - a key with `perKey` hashes running or waiting, or a full queue, is turned away at once
 *   (the caller answers 429) instead of queueing without end.
 */
export class PasswordQueue {
  readonly #concurrency: number;
  readonly #perKey: number;
  readonly #maxWaiting: number;
  readonly #waiting: Waiting[] = [];
  /** Running or waiting hashes per key. */
  readonly #held = new Map<string, number>();
  readonly #runningKeys = new Set<string>();
  /** When each key last started a hash: the key that waited longest since goes next. */
  readonly #lastTurn = new Map<string, number>();
  #turns = 0;
  #running = 0;

  constructor(options: PasswordQueueOptions = {}) {
    this.#concurrency = options.concurrency ?? Math.min(4, Math.max(2, availableParallelism()));
    this.#perKey = options.perKey ?? 8;
    this.#maxWaiting = options.maxWaiting ?? 64;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<Queued<T>> {
    const held = this.#held.get(key) ?? 0;
    if (held >= this.#perKey || this.#waiting.length >= this.#maxWaiting)
      return { admitted: false };
    this.#held.set(key, held + 1);
    try {
      await new Promise<void>((start) => {
        this.#waiting.push({ key, start });
        this.#startNext();
      });
      try {
        return { admitted: true, value: await task() };
      } finally {
        this.#running -= 1;
        this.#runningKeys.delete(key);
        this.#startNext();
      }
    } finally {
      this.#release(this.#held, key);
      if (!this.#held.has(key)) this.#lastTurn.delete(key);
    }
  }

  #startNext(): void {
    while (this.#running < this.#concurrency) {
      let index = -1;
      let oldestTurn = Infinity;
      for (const [position, entry] of this.#waiting.entries()) {
        if (this.#runningKeys.has(entry.key)) continue;
        const turn = this.#lastTurn.get(entry.key) ?? -1;
        if (turn < oldestTurn) [index, oldestTurn] = [position, turn];
      }
      if (index === -1) return;
      const [next] = this.#waiting.splice(index, 1);
      this.#running += 1;
      this.#runningKeys.add(next!.key);
      this.#lastTurn.set(next!.key, (this.#turns += 1));
      next!.start();
    }
  }

  #release(counts: Map<string, number>, key: string): void {
    const count = (counts.get(key) ?? 1) - 1;
    if (count <= 0) counts.delete(key);
    else counts.set(key, count);
  }
}
