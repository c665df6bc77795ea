import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Migration, MigrationProvider, MigrationResultSet } from 'kysely/migration';
import { statements as foundation } from '../../migrations/0001-foundation.ts';
import { statements as channelAccounts } from '../../migrations/0002-channel-accounts.ts';
import { statements as routing } from '../../migrations/0003-routing.ts';
import { statements as sla } from '../../migrations/0004-sla.ts';
import { statements as moderationIdeas } from '../../migrations/0005-moderation-ideas.ts';
import { statements as inboxViews } from '../../migrations/0006-inbox-views.ts';
import { statements as triageCorrections } from '../../migrations/0007-triage-corrections.ts';
import { statements as reporting } from '../../migrations/0008-reporting.ts';
import { statements as ingestSpeed } from '../../migrations/0009-ingest-speed.ts';
import { statements as alerts } from '../../migrations/0010-alerts.ts';
import { statements as moderationOnNetwork } from '../../migrations/0011-moderation-on-network.ts';
import { statements as reportFacts } from '../../migrations/0012-report-facts.ts';
import { statements as customerHistoryMentions } from '../../migrations/0014-customer-history-mentions.ts';
import { statements as managedTags } from '../../migrations/0016-managed-tags.ts';
import { statements as waitHistograms } from '../../migrations/0017-wait-histograms.ts';
import { statements as answerFacts } from '../../migrations/0018-answer-facts.ts';
import { statements as topics } from '../../migrations/0019-topics.ts';
import { statements as voiceFacts } from '../../migrations/0020-voice-facts.ts';
import { statements as replyRequeued } from '../../migrations/0021-reply-requeued.ts';
import { statements as slaCsatReportIndexes } from '../../migrations/0022-sla-csat-report-indexes.ts';
import { statements as slaTargetFacts } from '../../migrations/0023-sla-target-facts.ts';
import { statements as brandListening } from '../../migrations/0024-brand-listening.ts';
import { statements as mentionChanges } from '../../migrations/0025-mention-changes.ts';
import { statements as channelHealth } from '../../migrations/0026-channel-health.ts';
import { statements as peopleAccounts } from '../../migrations/0027-people-accounts.ts';
import { statements as sharedSourceCursors } from '../../migrations/0028-shared-source-cursors.ts';
import { statements as triageCorrectionFields } from '../../migrations/0029-triage-correction-fields.ts';
import { statements as auditLog } from '../../migrations/0030-audit-log.ts';
import { statements as twoFactor } from '../../migrations/0031-two-factor.ts';
import { statements as privacyAvailability } from '../../migrations/0032-privacy-availability.ts';
import { statements as singleSignOn } from '../../migrations/0033-single-sign-on.ts';
import { statements as socialIntentFacts } from '../../migrations/0035-social-intent-facts.ts';
import { statements as authorProfiles } from '../../migrations/0036-author-profiles.ts';
import { statements as reviewRatings } from '../../migrations/0037-review-ratings.ts';
import { statements as firstResponseTargets } from '../../migrations/0038-first-response-targets.ts';
import { statements as ideaNotices } from '../../migrations/0039-idea-notices.ts';
import { statements as qualityReviews } from '../../migrations/0040-quality-reviews.ts';
import { statements as campaigns } from '../../migrations/0041-campaigns.ts';
import { statements as campaignShares } from '../../migrations/0042-campaign-shares.ts';
import { statements as campaignMessages } from '../../migrations/0043-campaign-messages.ts';
import type { Database } from './schema.ts';

// Listed here rather than read from the folder, so the migrator works from any working
// directory and a missing file is a type error instead of a silent skip.
const migrations: Record<string, readonly string[]> = {
  '0001-foundation': foundation,
  '0002-channel-accounts': channelAccounts,
  '0003-routing': routing,
  '0004-sla': sla,
  '0005-moderation-ideas': moderationIdeas,
  '0006-inbox-views': inboxViews,
  '0007-triage-corrections': triageCorrections,
  '0008-reporting': reporting,
  '0009-ingest-speed': ingestSpeed,
  '0010-alerts': alerts,
  '0011-moderation-on-network': moderationOnNetwork,
  '0012-report-facts': reportFacts,
  '0014-customer-history-mentions': customerHistoryMentions,
  '0016-managed-tags': managedTags,
  '0017-wait-histograms': waitHistograms,
  '0018-answer-facts': answerFacts,
  '0019-topics': topics,
  '0020-voice-facts': voiceFacts,
  '0021-reply-requeued': replyRequeued,
  '0022-sla-csat-report-indexes': slaCsatReportIndexes,
  '0023-sla-target-facts': slaTargetFacts,
  '0024-brand-listening': brandListening,
  '0025-mention-changes': mentionChanges,
  '0026-channel-health': channelHealth,
  '0027-people-accounts': peopleAccounts,
  '0028-shared-source-cursors': sharedSourceCursors,
  '0029-triage-correction-fields': triageCorrectionFields,
  '0030-audit-log': auditLog,
  '0031-two-factor': twoFactor,
  '0032-privacy-availability': privacyAvailability,
  '0033-single-sign-on': singleSignOn,
  '0035-social-intent-facts': socialIntentFacts,
  '0036-author-profiles': authorProfiles,
  '0037-review-ratings': reviewRatings,
  '0038-first-response-targets': firstResponseTargets,
  '0039-idea-notices': ideaNotices,
  '0040-quality-reviews': qualityReviews,
  '0041-campaigns': campaigns,
  '0042-campaign-shares': campaignShares,
  '0043-campaign-messages': campaignMessages,
};

const provider: MigrationProvider = {
  async getMigrations() {
    return Object.fromEntries(
      Object.entries(migrations).map(([name, list]): [string, Migration] => [
        name,
        {
          async up(db) {
            for (const statement of list) await sql.raw(statement).execute(db);
          },
        },
      ]),
    );
  },
};

export const latestMigration = Object.keys(migrations).sort().at(-1) ?? '';

/** Brings the schema up to date; safe to run from several processes at once. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

/** True when every known migration has run (the readiness check). */
export async function isSchemaCurrent(db: Kysely<Database>): Promise<boolean> {
  const migrator = new Migrator({ db, provider });
  const known = await migrator.getMigrations();
  return known.every((migration) => migration.executedAt !== undefined);
}
