import { createMiddleware } from 'hono/factory';
import { isStorableText } from '../../store/storable-text.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';

function findBadString(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path || '(body)';
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const bad = findBadString(item, `${path}[${index}]`);
      if (bad) return bad;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const bad = findBadString(item, path ? `${path}.${key}` : key);
      if (bad) return bad;
    }
  }
  return undefined;
}

/**
 * Refuses NUL characters and broken Unicode (lone surrogates) in query strings and JSON bodies
 * with a 400 naming the field, instead of letting the database fail on them — or silently alter
 * them. Malformed JSON passes through to the validator, which names it.
 */
export const textGuard = createMiddleware<AppEnv>(async (c, next) => {
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (!isStorableText(name) || values.some((value) => !isStorableText(value))) {
      throw new ApiError(
        400,
        'validation_failed',
        `query parameter ${JSON.stringify(name.toWellFormed())} contains a NUL character or invalid Unicode`,
      );
    }
  }
  if (c.req.header('content-type')?.includes('application/json')) {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return next();
    }
    const bad = findBadString(body, '');
    if (bad)
      throw new ApiError(
        400,
        'validation_failed',
        `${bad} contains a NUL character or invalid Unicode`,
        [{ path: bad, message: 'NUL characters and lone surrogates cannot be stored' }],
      );
  }
  return next();
});
