import type { Kysely } from 'kysely';
import {
  freshMentions,
  threadLookupIds,
  threadRoot,
  uniqueMentions,
} from '../../domain/intake-batch.ts';
import { planIntake } from '../../domain/intake-plan.ts';
import type { IntakePlan, MentionAssessment } from '../../domain/intake-plan.ts';
import type { Mention } from '../../domain/mention.ts';
import { applyIdeasChannel } from '../../domain/ideas-channel.ts';
import { findBrandIdeasTerms, isCompetitorBrand } from '../../store/brands.repository.ts';
import { newId } from '../../store/ids.ts';
import {
  findStoredThreadMentions,
  loadIntakeLookups,
} from '../../store/intake/intake-load.repository.ts';
import { recordIntakeEvents, saveIntakePlan } from '../../store/intake/intake-save.repository.ts';
import type { SavedIntake } from '../../store/intake/intake-save.repository.ts';
import type { Database } from '../../store/schema.ts';
import { inTransaction } from '../../store/transaction.ts';
import { runAfterIntakeSteps } from './steps/after-intake-step.ts';
import type { AfterIntakeContext } from './steps/after-intake-step.ts';
import { afterIntakeSteps } from './steps/after-intake-steps.ts';

/** Triage of one mention, the seam the triage models plug into (see MentionAssessment). */
export type Assess = (mention: Mention, receivedAt: Date) => MentionAssessment;

const noAssessment: Assess = () => ({ priority: 0, sentiment: null, needsReply: true });

interface IngestBatch {
  workspaceId: string;
  brandId: string;
  /**
   * The brand is a competitor (heard for share of voice): its conversations are stored but not
   * routed, auto-answered, put on an SLA clock or acknowledged out of hours, as they are not ours
   * to answer. Looked up when not given.
   */
  isCompetitor?: boolean;
  channelAccountId?: string | null;
  mentions: Mention[];
  /** Labels triage already gave some of these mentions (the import labels the next batch while
   * the current one is written); the others are assessed here. */
  assessed?: ReadonlyMap<Mention, MentionAssessment>;
}

interface IngestSummary {
  stored: number;
  duplicates: number;
  conversationsCreated: number;
  blocked: number;
  /** Of `stored`, the brand's own posts. */
  storedFromBrand: number;
}

/**
 * Stores a batch of mentions of one network in one transaction: load what it joins (stored posts
 * for dedupe and threading, contacts, conversations, waiting surveys), triage the fresh mentions,
 * plan (domain/intake-plan.ts: reply chain → the same conversation, a new post → a new one, a
 * customer's new message reopens a resolved one, a survey's answer, a blocked contact's posts
 * kept hidden), save the plan's rows, run the after-intake steps in their order (steps/), then
 * append the events and notify on commit. Safe to retry: a batch stored twice stores nothing the
 * second time.
 */
export async function ingestMentions(
  db: Kysely<Database>,
  batch: IngestBatch,
  now: Date,
  assess: Assess = noAssessment,
): Promise<IngestSummary> {
  if (batch.mentions.length === 0) return summarize(0, undefined);
  return inTransaction(db, async (tx) => {
    const prepared = await prepareIntake(tx, batch, now, assess);
    if (!prepared.planned) return summarize(prepared.duplicates, undefined);
    const { plan, saved } = prepared.planned;
    const context: AfterIntakeContext = {
      db: tx,
      workspaceId: batch.workspaceId,
      now,
      plan,
      saved,
      autoReplies: [],
      events: [],
    };
    const isCompetitor = batch.isCompetitor ?? (await isCompetitorBrand(tx, batch.brandId));
    await runAfterIntakeSteps(
      isCompetitor ? afterIntakeSteps.filter((step) => !step.ourBrandOnly) : afterIntakeSteps,
      context,
    );
    await recordIntakeEvents(
      tx,
      batch.workspaceId,
      [...plan.events, ...context.events],
      plan.notices,
    );
    return summarize(prepared.duplicates, plan);
  });
}

/**
 * The first half of ingestMentions, in the caller's transaction: load what the batch needs
 * (dedupe, threads, contacts, surveys), triage the fresh mentions, plan, and write the plan's new
 * rows. Nothing is planned when every mention was stored already.
 */
export async function prepareIntake(
  db: Kysely<Database>,
  batch: IngestBatch,
  now: Date,
  assess: Assess = noAssessment,
): Promise<{ duplicates: number; planned: { plan: IntakePlan; saved: SavedIntake } | null }> {
  const { workspaceId } = batch;
  const unique = uniqueMentions(batch.mentions);
  const network = batch.mentions[0]?.network;
  if (!network) return { duplicates: 0, planned: null };
  if (batch.mentions.some((mention) => mention.network !== network)) {
    throw new Error('a batch holds mentions of one network');
  }
  const stored = await findStoredThreadMentions(db, workspaceId, network, threadLookupIds(unique));
  const { fresh, duplicates } = freshMentions(batch.mentions, unique, stored);
  if (fresh.length === 0) return { duplicates, planned: null };
  const lookups = await loadIntakeLookups(
    db,
    {
      workspaceId,
      network,
      authors: fresh.map((mention) => mention.author),
      threadRoots: [...new Set(fresh.map(threadRoot))],
      storedConversationOf: stored,
    },
    now,
  );
  // The brand's ideas channel overrides what triage thought a post was doing (issue 19).
  const ideasTerms = await findBrandIdeasTerms(db, batch.brandId);
  const plan = planIntake(
    {
      workspaceId,
      brandId: batch.brandId,
      network,
      fresh: fresh.map((mention) => ({
        mention,
        assessment: applyIdeasChannel(
          batch.assessed?.get(mention) ?? assess(mention, now),
          mention,
          ideasTerms,
        ),
      })),
      now,
      newId,
    },
    lookups,
  );
  const target = {
    workspaceId,
    brandId: batch.brandId,
    network,
    channelAccountId: batch.channelAccountId ?? null,
  };
  return { duplicates, planned: { plan, saved: await saveIntakePlan(db, target, plan, now) } };
}

function summarize(duplicates: number, plan: IntakePlan | undefined): IngestSummary {
  return {
    stored: plan?.mentions.length ?? 0,
    duplicates,
    conversationsCreated: plan?.conversations.length ?? 0,
    blocked: plan?.blocked ?? 0,
    storedFromBrand: plan?.fromBrand ?? 0,
  };
}
