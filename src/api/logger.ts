import pino from 'pino';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';

/** Structured JSON logs (pino) at the configured level; secrets never appear in them. */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    base: { service: 'earshot' },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'req.headers.cookie',
        'req.headers.authorization',
      ],
      remove: true,
    },
  });
}
