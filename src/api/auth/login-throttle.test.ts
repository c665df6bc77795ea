import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

const start = Date.parse('2026-11-29T12:00:00Z');

function attempts(throttle: LoginThrottle, email: string, address: string, count: number) {
  return Array.from({ length: count }, () => throttle.hit(email, address, start));
}

describe('login throttle', () => {
  it('stops one address after its limit, without locking the owner out from another', () => {
    const throttle = new LoginThrottle({ perAddress: 3, perAccount: 50 });
    expect(attempts(throttle, 'ana@example.test', '203.0.113.9', 3)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(throttle.hit('ANA@example.test', '203.0.113.9', start)).toBe(15 * 60);
    expect(throttle.hit('ana@example.test', '198.51.100.4', start)).toBeUndefined();
  });

  it('stops guesses spread over many addresses at the account limit', () => {
    const throttle = new LoginThrottle({ perAddress: 3, perAccount: 5 });
    const waits = Array.from({ length: 6 }, (_, i) =>
      throttle.hit('ana@example.test', `203.0.113.${i}`, start),
    );
    expect(waits.slice(0, 5).every((wait) => wait === undefined)).toBe(true);
    expect(waits[5]).toBeGreaterThan(0);
    expect(throttle.hit('bob@example.test', '203.0.113.1', start)).toBeUndefined();
  });

  it('clears the caller after a success and opens again when the window ends', () => {
    const throttle = new LoginThrottle({ perAddress: 2, perAccount: 50 });
    attempts(throttle, 'ana@example.test', '203.0.113.9', 2);
    throttle.succeeded('ana@example.test', '203.0.113.9');
    expect(throttle.hit('ana@example.test', '203.0.113.9', start)).toBeUndefined();
    attempts(throttle, 'ana@example.test', '203.0.113.9', 2);
    expect(throttle.hit('ana@example.test', '203.0.113.9', start + 15 * 60_000)).toBeUndefined();
  });

  it('stops one address trying email after email, but lets a team behind it log in', () => {
    const throttle = new LoginThrottle({ perClient: 5 });
    const fresh = Array.from({ length: 5 }, (_, i) =>
      throttle.hit(`nobody${i}@example.test`, '203.0.113.9', start),
    );
    expect(fresh.every((wait) => wait === undefined)).toBe(true);
    expect(throttle.hit('nobody5@example.test', '203.0.113.9', start)).toBe(15 * 60);
    expect(throttle.hit('nobody5@example.test', '198.51.100.4', start)).toBeUndefined();

    const office = new LoginThrottle({ perClient: 5 });
    for (let i = 0; i < 20; i++) {
      expect(office.hit(`agent${i}@example.test`, '192.0.2.1', start)).toBeUndefined();
      office.succeeded(`agent${i}@example.test`, '192.0.2.1');
    }
  });
});
