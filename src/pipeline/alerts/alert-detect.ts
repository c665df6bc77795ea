import type { Kysely } from 'kysely';
import {
  defaultSpikeConfig,
  defaultViralConfig,
  detectViralPost,
  observeNegativeWindow,
  slaBreachSummary,
} from '../../domain/alerts.ts';
import type { SpikeConfig, SpikeState, ViralConfig } from '../../domain/alerts.ts';
import { tryAlertScanLock } from '../../store/alerts/alert-deliveries.repository.ts';
import {
  countMentionsByBrand,
  findRecentEngagedMentions,
  findSlaBreachEvents,
  loadAlertScanState,
  saveAlertScanState,
} from '../../store/alerts/alert-scan.queries.ts';
import type { Database } from '../../store/schema.ts';
import { raiseAlert } from './alert-raise.ts';

interface DetectConfig {
  /** The spike detector's window: counts are taken once this much time has passed. */
  windowMinutes: number;
  /** How far back posts are checked for spreading fast, and breaches looked for after a gap. */
  lookbackMinutes: number;
  spike: SpikeConfig;
  viral: ViralConfig;
}

export const defaultDetectConfig: DetectConfig = {
  windowMinutes: 5,
  lookbackMinutes: 60,
  spike: defaultSpikeConfig,
  viral: defaultViralConfig,
};

const minuteMs = 60_000;

/**
 * One pass of the detectors over every workspace; returns how many alerts it raised. Only one
 * process runs a pass at a time (an advisory lock; the others skip it), and every alert has a
 * unique key, so a pass repeated after a crash raises nothing twice.
 */
export async function runAlertDetectionOnce(
  db: Kysely<Database>,
  now: Date,
  config: DetectConfig = defaultDetectConfig,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    if (!(await tryAlertScanLock(tx))) return 0;
    const state = await loadAlertScanState(tx);
    const lookback = new Date(now.getTime() - config.lookbackMinutes * minuteMs);
    let raised = 0;
    let spike = (state?.spike ?? {}) as SpikeState;
    // After a gap (every process down), the breaches of the whole gap are still looked at.
    const previousScan = state?.scanned_until ?? now;
    let scannedUntil = previousScan;
    if (now.getTime() - scannedUntil.getTime() >= config.windowMinutes * minuteMs) {
      for (const row of await countMentionsByBrand(tx, scannedUntil, now)) {
        const observed = observeNegativeWindow(
          spike,
          { brandId: row.brand_id, start: scannedUntil, end: now, ...row },
          config.spike,
        );
        spike = observed.state;
        const alert = observed.alert;
        if (!alert) continue;
        const id = await raiseAlert(tx, {
          workspaceId: row.workspace_id,
          kind: 'spike',
          dedupeKey: `spike:${row.brand_id}:${alert.at.toISOString()}`,
          brandId: row.brand_id,
          summary: alert.message,
          data: {
            negative: alert.negative,
            total: alert.total,
            negativePerHour: alert.negativePerHour,
            usualPerHour: alert.usualPerHour,
            windowStart: scannedUntil.toISOString(),
            windowEnd: now.toISOString(),
          },
          createdAt: now,
        });
        if (id) raised += 1;
      }
      scannedUntil = now;
    }
    raised += await detectViralPosts(tx, lookback, now, config.viral);
    raised += await alertSlaBreaches(tx, lookback < previousScan ? lookback : previousScan, now);
    await saveAlertScanState(tx, { scannedUntil, spike });
    return raised;
  });
}

async function detectViralPosts(
  db: Kysely<Database>,
  since: Date,
  now: Date,
  config: ViralConfig,
): Promise<number> {
  let raised = 0;
  for (const post of await findRecentEngagedMentions(db, since)) {
    const verdict = detectViralPost(
      { postedAt: post.posted_at, current: { at: now, ...post.engagement } },
      config,
    );
    if (!verdict.viral) continue;
    const id = await raiseAlert(db, {
      workspaceId: post.workspace_id,
      kind: 'viral',
      dedupeKey: `viral:${post.id}`,
      brandId: post.brand_id,
      conversationId: post.conversation_id,
      mentionId: post.id,
      summary: `A post by @${post.author_handle} is spreading: ${verdict.reason ?? ''}`,
      data: {
        repostsPerMinute: verdict.repostsPerMinute,
        likesPerMinute: verdict.likesPerMinute,
        url: post.url,
        engagement: post.engagement,
      },
      createdAt: now,
    });
    if (id) raised += 1;
  }
  return raised;
}

async function alertSlaBreaches(db: Kysely<Database>, since: Date, now: Date): Promise<number> {
  let raised = 0;
  for (const event of await findSlaBreachEvents(db, since)) {
    const data = event.data;
    const id = await raiseAlert(db, {
      workspaceId: event.workspace_id,
      kind: 'sla_breach',
      dedupeKey: `sla:${event.id}`,
      conversationId: event.conversation_id,
      summary: slaBreachSummary(data),
      data: { ...data, eventId: String(event.id), breachedAt: event.occurred_at.toISOString() },
      createdAt: now,
    });
    if (id) raised += 1;
  }
  return raised;
}
