/**
 * How urgently a mention needs a person, 0..100, with the reasons a human can check.
 *
 * Each factor adds points that never decrease as its input grows (more followers, faster
 * reposts, a likelier complaint), and the sum goes through a saturating curve, so the
 * priority is monotone in every factor and bounded by 100 without a hard cap flattening
 * the top of the inbox.
 */

export interface PriorityInput {
  sentiment?: 'negative' | 'neutral' | 'positive';
  /** -1 (very negative) .. 1 (very positive). */
  sentimentScore?: number;
  complaint?: boolean;
  /** 0..1; preferred over `complaint` when given. */
  complaintProbability?: number;
  /** A Bitext intent (`cancel_order`) or what the author is doing: `complaint`, `question`, `praise`, `idea`, `other`. */
  intent?: string;
  /** What the author is doing (triage's socialIntent): a question asks for an answer. */
  socialIntent?: string;
  authorFollowers?: number;
  /** Interactions counted over `minutes` (since the post was published, or between two looks). */
  engagement?: EngagementWindow;
  /** The mention's text, for the keywords that mean money, churn, law or safety. */
  text?: string;
  /**
   * Set when the text's language kept the models from labelling it: a person must read it.
   * With a `sentiment`, that label is the language's own sentiment model's.
   */
  untriagedLanguage?: string;
  /** Spam is kept but sinks to the bottom of the inbox. */
  spam?: boolean;
  /** A review's stars (1–5): a one-star review is urgent, whatever its text says. */
  rating?: number;
}

export interface EngagementWindow {
  minutes: number;
  reposts?: number;
  quotes?: number;
  likes?: number;
  replies?: number;
}

interface Priority {
  priority: number;
  /** Why, most important first: "complaint", "author has 48k followers", … */
  reasons: string[];
}

interface Factor {
  points: number;
  reason: string;
}

// Points at which the priority reaches 1 − 1/e ≈ 63.
const scale = 60;
const spamCeiling = 5;
// A factor this small still counts but is not worth a reason ("possible complaint" at 1%).
const minReasonPoints = 3;

// Looked up word by word (and as two- or three-word phrases), not with regexes: a Set lookup
// per word keeps triage cheap on the hot path.
const keywordGroups: ReadonlyArray<{ points: number; phrases: readonly string[] }> = [
  {
    points: 20,
    phrases: [
      ...'safety unsafe danger dangerous injured injury injuries burned burnt smoke emergency'.split(
        ' ',
      ),
      ...'ambulance allergic allergy police assault assaulted harass harassed harassment stranded'.split(
        ' ',
      ),
      'caught fire',
    ],
  },
  {
    points: 15,
    phrases: [
      ...'lawyer lawyers attorney attorneys sue suing lawsuit court ombudsman regulator'.split(' '),
      'legal action',
      'small claims',
      'trading standards',
    ],
  },
  {
    points: 10,
    phrases: [
      ...'refund refunds refunded chargeback overcharged fraud fraudulent scam scammed stolen'.split(
        ' ',
      ),
      'charged twice',
      'double charged',
    ],
  },
  {
    points: 10,
    phrases: [
      ...'cancel cancelled canceled cancelling canceling cancellation'.split(' '),
      'switching to',
      'close my account',
      'leaving you',
    ],
  },
];
const groupOfPhrase = new Map(
  keywordGroups.flatMap((group, index) => group.phrases.map((phrase) => [phrase, index] as const)),
);
const phraseStarts = new Set(
  keywordGroups.flatMap((g) =>
    g.phrases.filter((p) => p.includes(' ')).map((p) => p.split(' ')[0]),
  ),
);

// Not requests: the complaint factor already weighs a complaint.
const notRequests = new Set(['praise', 'idea', 'other', 'complaint', 'question']);

/** Priority from triage labels, the author's reach, engagement velocity and keywords. */
export function computePriority(input: PriorityInput): Priority {
  const factors = [
    complaintFactor(input),
    negativeFactor(input),
    followersFactor(input.authorFollowers),
    velocityFactor(input.engagement),
    ...keywordFactors(input.text),
    requestFactor(input.intent, input.socialIntent),
    untriagedFactor(input.untriagedLanguage, input.sentiment !== undefined),
    ratingFactor(input.rating),
  ].filter((f): f is Factor => f !== undefined && f.points > 0);
  const points = factors.reduce((sum, f) => sum + f.points, 0);
  let priority = Math.round(100 * (1 - Math.exp(-points / scale)));
  const reasons = factors
    .filter((f) => f.points >= minReasonPoints)
    .toSorted((a, b) => b.points - a.points)
    .map((f) => f.reason);
  if (input.spam === true) {
    priority = Math.min(priority, spamCeiling);
    reasons.unshift('likely spam');
  }
  return { priority, reasons };
}

function complaintFactor(input: PriorityInput): Factor | undefined {
  const p = clamp01(input.complaintProbability ?? (input.complaint === true ? 1 : 0));
  return { points: 30 * p, reason: p >= 0.5 ? 'complaint' : 'possible complaint' };
}

function negativeFactor(input: PriorityInput): Factor | undefined {
  const score = input.sentimentScore ?? (input.sentiment === 'negative' ? -0.6 : 0);
  const negativity = clamp01(-score);
  return { points: 20 * negativity, reason: negativity >= 0.5 ? 'very negative' : 'negative' };
}

function followersFactor(followers: number | undefined): Factor | undefined {
  if (followers === undefined || !(followers >= 1000)) return undefined;
  // Zero at 1k, full at 1M: most customers have a few hundred; reach matters in orders of magnitude.
  const points = 25 * clamp01((Math.log10(followers) - 3) / 3);
  return { points, reason: `author has ${formatCount(followers)} followers` };
}

function velocityFactor(engagement: EngagementWindow | undefined): Factor | undefined {
  if (engagement === undefined) return undefined;
  const minutes = Math.max(engagement.minutes, 1);
  const shares = nonNegative(engagement.reposts) + nonNegative(engagement.quotes);
  const likes = nonNegative(engagement.likes);
  const replies = nonNegative(engagement.replies);
  // A share reaches new people, a reply starts a thread, a like mostly does neither.
  const perMinute = (shares + 0.5 * replies + 0.2 * likes) / minutes;
  const points = 25 * clamp01(Math.log10(1 + perMinute) / 2);
  const window = `in ${formatMinutes(minutes)}`;
  const reason =
    shares > 0
      ? `reposted ${formatCount(shares)}× ${window}`
      : replies >= likes
        ? `${formatCount(replies)} replies ${window}`
        : `liked ${formatCount(likes)}× ${window}`;
  return { points, reason };
}

function keywordFactors(text: string | undefined): Factor[] {
  if (text === undefined || text.length === 0) return [];
  const words =
    text
      .slice(0, 5000)
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? [];
  let found: Array<Set<string>> | undefined;
  const note = (phrase: string) => {
    const group = groupOfPhrase.get(phrase);
    if (group === undefined) return;
    found ??= keywordGroups.map(() => new Set<string>());
    found[group]?.add(phrase);
  };
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    note(word);
    if (phraseStarts.has(word)) {
      const two = `${word} ${words[i + 1] ?? ''}`;
      note(two);
      note(`${two} ${words[i + 2] ?? ''}`);
    }
  }
  if (found === undefined) return [];
  const groups = found;
  return keywordGroups.flatMap((group, index) => {
    const phrases = [...(groups[index] ?? [])];
    return phrases.length > 0
      ? [{ points: group.points, reason: `mentions ${phrases.join('/')}` }]
      : [];
  });
}

function requestFactor(
  intent: string | undefined,
  socialIntent: string | undefined,
): Factor | undefined {
  if (intent === 'question' || socialIntent === 'question')
    return { points: 6, reason: 'question' };
  if (intent === undefined || notRequests.has(intent)) return undefined;
  return { points: 8, reason: `request: ${intent.replaceAll('_', ' ')}` };
}

function untriagedFactor(
  language: string | undefined,
  sentimentScored: boolean,
): Factor | undefined {
  if (language === undefined) return undefined;
  // As much as a likely complaint would get: unread is not the same as unimportant. A
  // sentiment model of the language (triage/models SENTIMENT_LANGUAGES) adds its own points.
  return {
    points: 15,
    reason: sentimentScored
      ? `only sentiment scored: language ${language}`
      : `not scored: language ${language}`,
  };
}

// A one-star review alone is as urgent as a certain complaint with very negative words (about 53);
// it is public, read by every future customer, and often has no text for the models to read.
const ratingPoints: Record<number, number> = { 1: 45, 2: 20 };

function ratingFactor(rating: number | undefined): Factor | undefined {
  if (rating === undefined) return undefined;
  const points = ratingPoints[Math.round(rating)];
  return points ? { points, reason: `${Math.round(rating)}-star review` } : undefined;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}

function nonNegative(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

/** 950 → "950", 48_200 → "48k", 1_250_000 → "1.3M". */
export function formatCount(count: number): string {
  if (count < 1000) return String(Math.round(count));
  if (count < 1_000_000) return `${Math.round(count / 1000)}k`;
  return `${Number((count / 1_000_000).toFixed(1))}M`;
}

function formatMinutes(minutes: number): string {
  return minutes < 120 ? `${Math.round(minutes)} min` : `${Math.round(minutes / 60)} h`;
}
