import { RateLimiter } from './rate-limit.ts';

const windowMs = 15 * 60_000;

/**
 * Limits password guessing twice over: per account and client address, so someone guessing
 * from one place cannot lock the owner out from another; and per account overall, at a looser
 * limit, so guesses spread over many addresses still stop.
 */
export class LoginThrottle {
  readonly #perAddress: RateLimiter;
  readonly #perAccount: RateLimiter;

  constructor(options: { perAddress?: number; perAccount?: number } = {}) {
    this.#perAddress = new RateLimiter({ limit: options.perAddress ?? 10, windowMs });
    this.#perAccount = new RateLimiter({ limit: options.perAccount ?? 100, windowMs });
  }

  /** Counts one attempt; returns the seconds to wait when either limit is exceeded. */
  hit(email: string, address: string, now: number): number | undefined {
    const account = email.toLowerCase();
    const waits = [
      this.#perAddress.hit(`${account}|${address}`, now),
      this.#perAccount.hit(account, now),
    ].filter((wait): wait is number => wait !== undefined);
    return waits.length ? Math.max(...waits) : undefined;
  }

  /** A successful login clears the caller's count (the account's stays: others may be guessing). */
  succeeded(email: string, address: string): void {
    this.#perAddress.reset(`${email.toLowerCase()}|${address}`);
  }
}
