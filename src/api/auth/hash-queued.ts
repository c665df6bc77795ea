import type { Context } from 'hono';
import { hashPassword } from '../../security/passwords.ts';
import type { AppEnv } from '../context.ts';
import { rateLimited } from '../request-limits.ts';

/** Runs slow password work through the shared queue, a few at a time, in turns between keys. */
export async function queued<T>(c: Context<AppEnv>, key: string, work: () => Promise<T>) {
  const done = await c.var.deps.passwordQueue.run(key, work);
  if (!done.admitted) throw rateLimited(c, 1, 'too many passwords are waiting to be checked');
  return done.value;
}

/** Hashes a new password through the queue. */
export function hashQueued(c: Context<AppEnv>, key: string, password: string): Promise<string> {
  return queued(c, key, () => hashPassword(password));
}
