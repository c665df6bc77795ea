import type { Kysely } from 'kysely';
import {
  claimDueDeliveries,
  finishDelivery,
} from '../../store/alerts/alert-deliveries.repository.ts';
import type { ClaimedDelivery } from '../../store/alerts/alert-deliveries.repository.ts';
import { publicEgress } from '../../security/egress.ts';
import type { Egress } from '../../security/egress.ts';
import type { Database } from '../../store/schema.ts';
import { alertPayload, mailAlert, postAlertWebhook } from './alert-send.ts';
import type { SmtpSettings } from './alert-send.ts';
import { backoffDelayMs } from '../backoff.ts';
import { decryptSecret } from '../../security/secrets.ts';

export interface DeliverOptions {
  secretKey: Buffer;
  smtp: SmtpSettings | undefined;
  /** Where webhooks may go (default: public https receivers only; see security/egress.ts). */
  egress?: Egress;
  /** After this many tries a delivery ends failed, with the last reason. */
  maxAttempts?: number;
  timeoutMs?: number;
  batch?: number;
  random?: () => number;
}

/** How long a claimed delivery is ours before another worker may try it (a crashed sender). */
const leaseMs = 2 * 60_000;

/**
 * Sends every due delivery once; returns how many it tried. A failure is recorded on its row
 * (retried with backoff, then failed with the reason) and never thrown: one bad destination
 * must not stop the others.
 */
export async function deliverAlertsOnce(
  db: Kysely<Database>,
  now: Date,
  options: DeliverOptions,
): Promise<number> {
  const claimed = await claimDueDeliveries(
    db,
    now,
    new Date(now.getTime() + leaseMs),
    options.batch ?? 20,
  );
  await Promise.all(
    claimed.map(async (delivery) => {
      try {
        await send(delivery, now, options);
        await finishDelivery(db, delivery.id, { status: 'sent', at: now });
      } catch (error) {
        const reason = describe(error);
        const attempts = delivery.attempts;
        await finishDelivery(
          db,
          delivery.id,
          attempts >= (options.maxAttempts ?? 6)
            ? { status: 'failed', error: reason }
            : {
                status: 'pending',
                error: reason,
                nextAttemptAt: new Date(now.getTime() + backoffDelayMs(attempts, options.random)),
              },
        );
      }
    }),
  );
  return claimed.length;
}

async function send(delivery: ClaimedDelivery, now: Date, options: DeliverOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (delivery.destination_kind === 'email') {
    await mailAlert(options.smtp, delivery.target, delivery, timeoutMs);
    return;
  }
  const secret = delivery.secret_encrypted
    ? decryptSecret(options.secretKey, delivery.secret_encrypted, delivery.destination_id)
    : '';
  await postAlertWebhook({
    url: delivery.target,
    secret,
    body: JSON.stringify(alertPayload(delivery)),
    now,
    timeoutMs,
    egress: options.egress ?? publicEgress,
  });
}

/** The reason as an operator reads it: the network error's cause, not just "fetch failed". */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`.slice(0, 500);
}
