import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import type { TestDatabase } from '../../../test/helpers/database.ts';
import { seedSentReply } from '../../../test/helpers/quality.ts';
import { seedWorkspace } from '../../../test/helpers/seed.ts';
import type { SeededWorkspace } from '../../../test/helpers/seed.ts';
import { useCaseContextOf } from '../../../test/helpers/use-case.ts';
import { stableHash, weekRange } from '../../domain/quality-sample.ts';
import { findQualityTrend } from '../../store/reporting/reports/reports-quality.ts';
import type { StoredScorecard } from '../../store/quality/scorecards.repository.ts';
import { reviewQueue } from './review-queue.ts';
import { createScorecard, retireScorecard, setSamplePerAgent } from './scorecards.ts';
import { submitReview } from './submit-review.ts';

let database: TestDatabase;
let seeded: SeededWorkspace;
let scorecard: StoredScorecard;
const week = weekRange('2026-11-30')!;
const monday = (hours: number) => new Date(week.from.getTime() + hours * 3_600_000);

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedWorkspace(database.store.db, 'Quality');
  scorecard = await createScorecard(useCaseContextOf(database, seeded, 'admin'), {
    name: 'Care basics',
    criteria: [
      { name: 'Accuracy', weight: 3 },
      { name: 'Empathy', weight: 1 },
    ],
  });
});
afterAll(async () => database?.close());

const scoresOf = (card: StoredScorecard, values: number[]) =>
  card.criteria.map((c, i) => ({ criterionId: c.id, score: values[i]! }));

describe('scorecards', () => {
  it('keeps criteria in order with their weights, and refuses duplicates', async () => {
    expect(scorecard.criteria.map((c) => [c.name, c.weight])).toEqual([
      ['Accuracy', 3],
      ['Empathy', 1],
    ]);
    await expect(
      createScorecard(useCaseContextOf(database, seeded, 'admin'), {
        name: 'Twice',
        criteria: [
          { name: 'Tone', weight: 1 },
          { name: 'tone', weight: 1 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

describe('the weekly review queue', () => {
  it('samples each agent deterministically, difficult replies first', async () => {
    const db = database.store.db;
    const agent = seeded.users.agent.id;
    const owner = seeded.users.owner.id;
    const ordinary = [];
    for (let i = 0; i < 4; i++)
      ordinary.push(await seedSentReply(db, seeded, { authorId: agent, sentAt: monday(10 + i) }));
    const negative = await seedSentReply(db, seeded, {
      authorId: agent,
      sentAt: monday(20),
      sentiment: 'negative',
    });
    const lowCsat = await seedSentReply(db, seeded, {
      authorId: agent,
      sentAt: monday(21),
      csatScore: 1,
    });
    const snarky = await seedSentReply(db, seeded, {
      authorId: owner,
      sentAt: monday(22),
      text: 'As we already told you, you should have checked the email.',
    });
    const viral = await seedSentReply(db, seeded, {
      authorId: owner,
      sentAt: monday(23),
      viral: true,
    });
    // Outside the week: never sampled.
    await seedSentReply(db, seeded, { authorId: agent, sentAt: monday(-1), csatScore: 1 });
    await setSamplePerAgent(useCaseContextOf(database, seeded, 'admin'), 3);

    const queue = await reviewQueue(db, seeded.workspaceId, week);
    expect(queue.samplePerAgent).toBe(3);
    const agentItems = queue.items.filter((item) => item.agentId === agent);
    const firstOrdinary = [...ordinary].sort(
      (a, b) => stableHash(a.replyId) - stableHash(b.replyId),
    )[0]!;
    expect(agentItems.map((item) => item.replyId)).toEqual([
      lowCsat.replyId,
      negative.replyId,
      firstOrdinary.replyId,
    ]);
    expect(agentItems[0]!.reasons).toEqual(['low_csat']);
    const ownerItems = queue.items.filter((item) => item.agentId === owner);
    expect(ownerItems.map((item) => item.replyId)).toEqual([viral.replyId, snarky.replyId]);
    expect(ownerItems[1]!.toneFlags.map((f) => f.code)).toContain('blame');
    expect(await reviewQueue(db, seeded.workspaceId, week)).toEqual(queue);
  });
});

describe('submitReview', () => {
  it('stores each criterion and the weighted score, once, and never for the reviewer’s own reply', async () => {
    const db = database.store.db;
    const admin = useCaseContextOf(database, seeded, 'admin');
    const { replyId } = await seedSentReply(db, seeded, {
      authorId: seeded.users.agent.id,
      sentAt: monday(30),
    });
    const review = await submitReview(admin, {
      replyId,
      scorecardId: scorecard.id,
      scores: scoresOf(scorecard, [5, 1]),
      note: '  Accurate; say sorry first next time.  ',
    });
    expect(review).toMatchObject({
      score: 75,
      note: 'Accurate; say sorry first next time.',
      agent_id: seeded.users.agent.id,
      reviewer_id: seeded.users.admin.id,
      scorecard_name: 'Care basics',
    });
    expect(review.scores.map((s) => [s.name, s.score])).toEqual([
      ['Accuracy', 5],
      ['Empathy', 1],
    ]);
    const again = submitReview(useCaseContextOf(database, seeded, 'owner'), {
      replyId,
      scorecardId: scorecard.id,
      scores: scoresOf(scorecard, [3, 3]),
      note: '',
    });
    await expect(again).rejects.toMatchObject({ code: 'conflict' });

    const own = await seedSentReply(db, seeded, {
      authorId: seeded.users.admin.id,
      sentAt: monday(31),
    });
    await expect(
      submitReview(admin, {
        replyId: own.replyId,
        scorecardId: scorecard.id,
        scores: scoresOf(scorecard, [5, 5]),
        note: '',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      submitReview(admin, {
        replyId,
        scorecardId: scorecard.id,
        scores: scoresOf(scorecard, [5]),
        note: '',
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('refuses an archived scorecard and a reply of another workspace', async () => {
    const db = database.store.db;
    const admin = useCaseContextOf(database, seeded, 'admin');
    const old = await createScorecard(admin, {
      name: 'Old',
      criteria: [{ name: 'Tone', weight: 1 }],
    });
    expect((await retireScorecard(admin, old.id)).archivedAt).toEqual(admin.now);
    expect((await retireScorecard(admin, old.id)).archivedAt).toEqual(admin.now);
    const audit = await db
      .selectFrom('audit_log')
      .select(['kind', 'target_id'])
      .where('workspace_id', '=', seeded.workspaceId)
      .where('kind', 'like', 'scorecard.%')
      .orderBy('id')
      .execute();
    expect(audit.filter((entry) => entry.target_id === old.id).map((e) => e.kind)).toEqual([
      'scorecard.created',
      'scorecard.archived',
    ]);
    const { replyId } = await seedSentReply(db, seeded, {
      authorId: seeded.users.agent.id,
      sentAt: monday(40),
    });
    await expect(
      submitReview(admin, { replyId, scorecardId: old.id, scores: scoresOf(old, [4]), note: '' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const other = await seedWorkspace(db, 'Elsewhere');
    const theirs = await seedSentReply(db, other, {
      authorId: other.users.agent.id,
      sentAt: monday(41),
    });
    await expect(
      submitReview(admin, {
        replyId: theirs.replyId,
        scorecardId: scorecard.id,
        scores: scoresOf(scorecard, [4, 4]),
        note: '',
      }),
    ).rejects.toMatchObject({ code: 'reply_not_found' });
  });
});

describe('the quality trend', () => {
  it('averages review scores by week per agent, per team and overall', async () => {
    const trend = await findQualityTrend(database.store.db, {
      workspaceId: seeded.workspaceId,
      from: week.from,
      to: week.to,
      timeZone: 'UTC',
    });
    expect(trend).toEqual([
      {
        week: '2026-11-30',
        scope: 'workspace',
        id: null,
        name: null,
        reviews: 1,
        averageScore: 75,
      },
      {
        week: '2026-11-30',
        scope: 'agent',
        id: seeded.users.agent.id,
        name: 'Quality agent',
        reviews: 1,
        averageScore: 75,
      },
      { week: '2026-11-30', scope: 'team', id: null, name: null, reviews: 1, averageScore: 75 },
    ]);
  });
});
