import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { jsonNestsDeeperThan, maxJsonDepth } from '../../domain/json-depth.ts';
import { decodeUtf8 } from '../../domain/utf8.ts';
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
 * Reads the body once, refuses JSON nested deeper than `maxJsonDepth` before anything decodes or
 * parses it, and decodes it as strict UTF-8 (bad bytes are a 400, not U+FFFD stored as if
 * someone wrote it).
 */
async function readBodyText(c: Context<AppEnv>, isJson: boolean): Promise<string> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (isJson && jsonNestsDeeperThan(bytes)) {
    throw new ApiError(
      400,
      'json_too_deep',
      `JSON bodies may nest arrays and objects at most ${maxJsonDepth} levels deep`,
    );
  }
  const text = decodeUtf8(bytes);
  if (text === undefined)
    throw new ApiError(400, 'invalid_utf8', 'the request body is not valid UTF-8');
  // Later readers decode the same bytes again, now known to be valid: the same text.
  return text;
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
  if (!c.req.raw.body) return next();
  const isJson = c.req.header('content-type')?.includes('application/json') ?? false;
  const text = await readBodyText(c, isJson);
  if (isJson) {
    let body: unknown;
    try {
      body = JSON.parse(text);
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
