import { z } from 'zod';
import type { Channel } from '../channel.ts';
import { parseWebhookBody } from '../webhook/webhook-schema.ts';
import { demoMentions } from './demo-mentions.ts';
import { startReplay, type ReplayClock, type ReplayItem } from './replay.ts';

export const replayCredentialsSchema = z.object({
  /** 60 plays an hour of demo traffic in a minute. */
  speed: z.number().positive().default(60),
  /** How long (in demo time) the generated traffic lasts. */
  minutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .default(60),
  seed: z.number().int().default(7),
});

type ReplayCredentials = z.input<typeof replayCredentialsSchema>;

export interface ReplayChannelOptions {
  /** Events to play instead of the generated demo (webhook-format mentions). */
  items?: ReplayItem[];
  clock?: ReplayClock;
}

/**
 * The demo's source: plays generated (or given) mentions at a chosen speed, each stamped with the
 * moment it is delivered so waiting times and SLAs in the demo inbox are real. Replies go
 * nowhere; they are accepted so the whole flow can be shown.
 */
export function createReplayChannel(
  options: ReplayChannelOptions = {},
): Channel<ReplayCredentials> {
  return {
    network: 'replay',
    async validateCredentials(credentials) {
      replayCredentialsSchema.parse(credentials);
      return { accountId: 'replay', handle: 'demo' };
    },
    async listen(credentials, source) {
      const settings = replayCredentialsSchema.parse(credentials);
      const clock = options.clock;
      const start = new Date(clock ? clock.now() : Date.now());
      const items =
        options.items ?? demoMentions({ start, minutes: settings.minutes, seed: settings.seed });
      return startReplay({
        items,
        speed: settings.speed,
        clock,
        cursor: source.cursor,
        stamp: (raw, deliveredAt) =>
          typeof raw === 'object' && raw !== null
            ? { ...raw, postedAt: deliveredAt.toISOString() }
            : raw,
        onEvents: source.onEvents,
        onError: source.onError,
      });
    },
    normalize(raw) {
      const parsed = parseWebhookBody(raw);
      if (!parsed.ok)
        throw new Error(
          `replay event: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        );
      return parsed.mentions.map((mention) => ({ ...mention, network: 'replay' }));
    },
    async send(_credentials, reply) {
      return { externalId: `replay-reply-${reply.idempotencyKey}` };
    },
  };
}
