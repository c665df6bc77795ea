/**
 * A fixed-window counter per key, in memory. Enough to stop password guessing and floods against
 * one process; with several processes each keeps its own window, which only loosens the limit by
 * that factor.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #hits = new Map<string, { count: number; resetAt: number }>();

  constructor(options: { limit: number; windowMs: number }) {
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
  }

  /** Counts one attempt; returns the seconds to wait when over the limit, else undefined. */
  hit(key: string, now: number): number | undefined {
    if (this.#hits.size > 100_000) this.#sweep(now);
    const entry = this.#hits.get(key);
    if (!entry || entry.resetAt <= now) {
      this.#hits.set(key, { count: 1, resetAt: now + this.#windowMs });
      return undefined;
    }
    entry.count += 1;
    return entry.count > this.#limit ? Math.ceil((entry.resetAt - now) / 1000) : undefined;
  }

  /** The seconds to wait if the key is over its limit now, without counting an attempt. */
  peek(key: string, now: number): number | undefined {
    const entry = this.#hits.get(key);
    if (!entry || entry.resetAt <= now || entry.count < this.#limit) return undefined;
    return Math.ceil((entry.resetAt - now) / 1000);
  }

  /** Takes back one counted attempt (one that turned out to be welcome). */
  refund(key: string): void {
    const entry = this.#hits.get(key);
    if (entry && entry.count > 0) entry.count -= 1;
  }

  reset(key: string): void {
    this.#hits.delete(key);
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#hits) if (entry.resetAt <= now) this.#hits.delete(key);
  }
}
