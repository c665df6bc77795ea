import { RateLimiter } from './rate-limit.ts';

const windowMs = 15 * 60_000;

interface LoginLimits {
  /** Attempts on one account from one address. */
  perAddress?: number;
  /** Attempts on one account from anywhere. */
  perAccount?: number;
  /** Failed attempts from one address on any accounts (successes are given back). */
  perClient?: number;
}

/**
 * Limits password guessing three ways, each over 15 minutes: per account and client address,
 * so someone guessing from one place cannot lock the owner out from another; per account
 * overall, at a looser limit, so guesses spread over many addresses still stop; and per client
 * address over all accounts, so one address cannot try email after email (each try costs a
 * password hash). Only failures count against an address: a team behind one NAT address can
 * all log in.
 */
export class LoginThrottle {
  readonly #perAddress: RateLimiter;
  readonly #perAccount: RateLimiter;
  readonly #perClient: RateLimiter;

  constructor(options: LoginLimits = {}) {
    this.#perAddress = new RateLimiter({ limit: options.perAddress ?? 10, windowMs });
    this.#perAccount = new RateLimiter({ limit: options.perAccount ?? 100, windowMs });
    this.#perClient = new RateLimiter({ limit: options.perClient ?? 30, windowMs });
  }

  /** Counts one attempt; returns the seconds to wait when any limit is exceeded. */
  hit(email: string, address: string, now: number): number | undefined {
    const account = email.toLowerCase();
    const waits = [
      this.#perAddress.hit(`${account}|${address}`, now),
      this.#perAccount.hit(account, now),
      this.#perClient.hit(address, now),
    ].filter((wait): wait is number => wait !== undefined);
    return waits.length ? Math.max(...waits) : undefined;
  }

  /** A successful login clears the caller's count (the account's stays: others may be guessing). */
  succeeded(email: string, address: string): void {
    this.#perAddress.reset(`${email.toLowerCase()}|${address}`);
    this.#perClient.refund(address);
  }

  /** An attempt turned away before its password was checked does not count against the address. */
  notTried(address: string): void {
    this.#perClient.refund(address);
  }
}
