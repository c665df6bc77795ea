import type { Network } from '../../domain/network.ts';
import {
  customerTemplates,
  firstNames,
  lastNames,
  outageComplaints,
  replyTemplates,
  slotValues,
  stormComplaints,
} from './demo-history-texts.ts';
import type { PostKind } from './demo-history-texts.ts';

/** What the care team did with one of our customers' posts: the answer, the close, the rating. */
export interface HistoryCare {
  /** Null: resolved without an answer (nothing to answer). */
  reply: { at: Date; text: string } | null;
  /** Unused when the post has a follow-up: the conversation closes after its answer. */
  resolvedAt: Date;
  csat: { score: number; at: Date } | null;
}

/** One generated post of the demo's past, on our brand or the competitor. */
export interface HistoryPost {
  key: string;
  competitor: boolean;
  network: Network;
  author: { handle: string; name: string; followers: number };
  postedAt: Date;
  text: string;
  kind: PostKind;
  /** Our brand's posts only (the competitor's are heard, not answered). */
  care: HistoryCare | null;
  /** The customer's answer to our reply, in the same thread, with its own care. */
  followUp?: HistoryPost;
  /** A follow-up's original post (its key). */
  replyToKey?: string;
}

const dayMs = 86_400_000;
const minuteMs = 60_000;

/** A small seeded PRNG (mulberry32): the same history for the same `now`, on every machine. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)]!;
function weighted<T extends string>(random: Random, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as Array<[T, number]>;
  let roll = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, weight] of entries) if ((roll -= weight) < 0) return value;
  return entries.at(-1)![0];
}
/** A log-normal draw around `median` (spread: the log's standard deviation). */
function logNormal(random: Random, median: number, spread: number): number {
  const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return median * Math.exp(spread * gaussian);
}

// Days before today (UTC) with their own story: a winter storm at the Denver hub, an app outage,
// and the competitor's week of IT trouble.
const stormDays = { from: 36, to: 42 };
const outageDay = 13;
const competitorTroubleDays = { from: 57, to: 63 };
const inside = (day: number, span: { from: number; to: number }) =>
  day >= span.from && day <= span.to;

// Sunday first (getUTCDay); customers post more on Mondays and Fridays.
const weekdayFactor = [0.8, 1.15, 1, 1, 1.05, 1.2, 0.85];
// Posts by UTC hour: the airline's customers are mostly in the Americas.
const hourWeights = [
  5, 4, 3, 2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8, 8, 8, 7, 7, 6,
] as const;
const hourChoices: Record<string, number> = Object.fromEntries(
  hourWeights.map((weight, hour) => [String(hour), weight]),
);
const ownNetworks = { x: 35, bluesky: 28, mastodon: 15, google_reviews: 22 };
const competitorNetworks = { x: 45, bluesky: 35, google_reviews: 20 };

interface Person {
  handle: string;
  name: string;
  followers: number;
}

/**
 * About 90 days of care traffic before `now`, oldest day first: a few thousand posts on the
 * brand and its competitor, whose volume, topics and mood move with the days (the storm week, the
 * outage day, the competitor's bad week), and for our brand's posts the agents' answers (mostly
 * within the hour, a long tail, and slow in the storm), the resolutions and the survey ratings
 * (better when the answer came fast). Everything ends before `now`; deterministic.
 */
export function generateDemoHistory(now: Date, days = 90): HistoryPost[][] {
  const random = mulberry32(0x5eed_2025);
  const people = Array.from({ length: 1200 }, () => person(random));
  const today = Math.floor(now.getTime() / dayMs) * dayMs;
  // Nothing within two hours of now: the demo's live posts own the present.
  const lastPostAt = now.getTime() - 120 * minuteMs;
  const history: HistoryPost[][] = [];
  let serial = 0;
  for (let day = days; day >= 1; day -= 1) {
    const start = today - day * dayMs;
    const posts: HistoryPost[] = [];
    const growth = 0.85 + 0.3 * (1 - day / days);
    const weekday = weekdayFactor[new Date(start).getUTCDay()]!;
    const plan = [
      { competitor: false, count: 20 * weekday * growth * (inside(day, stormDays) ? 2.6 : 1) },
      {
        competitor: true,
        count: 8 * weekday * (inside(day, competitorTroubleDays) ? 3 : 1),
      },
    ];
    if (day === outageDay) plan.push({ competitor: false, count: 0 });
    for (const { competitor, count } of plan) {
      const total = Math.max(0, Math.round(count + (random() - 0.5) * 5));
      for (let n = 0; n < total; n += 1) {
        const hour = Number(weighted(random, hourChoices));
        const postedAt = new Date(start + hour * 3_600_000 + Math.floor(random() * 3_600_000));
        if (postedAt.getTime() > lastPostAt) continue;
        const troubled = competitor ? inside(day, competitorTroubleDays) : inside(day, stormDays);
        const kind = chooseKind(random, troubled);
        const text = writePost(random, kind, competitor, troubled && !competitor);
        posts.push(
          post(random, { key: `h${(serial += 1)}`, competitor, kind, text, postedAt, people }),
        );
      }
    }
    if (day === outageDay) {
      // Mid-afternoon in Denver, for about two hours.
      for (let n = 0; n < 22; n += 1) {
        const postedAt = new Date(start + 21 * 3_600_000 + Math.floor(random() * 7_200_000));
        if (postedAt.getTime() > lastPostAt) continue;
        const text = fill(random, pick(random, outageComplaints), brandName(random, false));
        posts.push(
          post(random, {
            key: `h${(serial += 1)}`,
            competitor: false,
            kind: 'complaint',
            text,
            postedAt,
            people,
          }),
        );
      }
    }
    posts.sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
    for (const item of posts) {
      if (!item.competitor) item.care = care(random, item, day, now);
    }
    history.push(posts);
  }
  addFollowUps(history, now);
  return history;
}

/**
 * About a quarter of the answered complaints and questions get a follow-up from the customer
 * (minutes after our answer, in the same thread), answered in turn, then the conversation is
 * resolved and rated: what the "next response" measures. A PRNG of its own, so the rest of the
 * history stays as it was.
 */
function addFollowUps(history: HistoryPost[][], now: Date): void {
  const random = mulberry32(0xf0_11_0f);
  const latest = now.getTime() - 60 * minuteMs;
  for (const day of history) {
    for (const item of day) {
      const answered = item.care?.reply;
      if (!answered || (item.kind !== 'complaint' && item.kind !== 'question')) continue;
      if (random() >= 0.25) continue;
      const postedAt = answered.at.getTime() + Math.max(3, logNormal(random, 40, 0.8)) * minuteMs;
      const replyAt = postedAt + Math.max(2, logNormal(random, 25, 0.7)) * minuteMs;
      if (replyAt > latest) continue;
      const firstName = item.author.name.split(' ')[0]!;
      const resolvedAt = Math.min(replyAt + logNormal(random, 120, 1) * minuteMs, latest);
      const followUp: HistoryPost = {
        key: `${item.key}-f`,
        competitor: false,
        network: item.network,
        author: item.author,
        postedAt: new Date(postedAt),
        text: fill(random, pick(random, followUpTemplates), brandName(random, false)),
        kind: item.kind,
        replyToKey: item.key,
        care: {
          reply: {
            at: new Date(replyAt),
            text: `${pick(random, followUpReplies).replaceAll('{name}', firstName)} ^${pick(random, agentInitials)}`,
          },
          resolvedAt: new Date(resolvedAt),
          // The rating comes after the conversation's close, now after the follow-up's answer.
          csat: item.care!.csat
            ? {
                score: item.care!.csat.score,
                at: new Date(Math.min(resolvedAt + logNormal(random, 90, 0.8) * minuteMs, latest)),
              }
            : null,
        },
      };
      item.care = { ...item.care!, csat: null };
      item.followUp = followUp;
    }
  }
}

function chooseKind(random: Random, troubled: boolean): PostKind {
  return troubled
    ? weighted(random, { complaint: 65, question: 20, praise: 5, idea: 2, other: 8 })
    : weighted(random, { complaint: 30, question: 30, praise: 19, idea: 8, other: 13 });
}

function post(
  random: Random,
  input: Omit<HistoryPost, 'network' | 'author' | 'care'> & { people: Person[] },
): HistoryPost {
  const { people, ...rest } = input;
  const network = weighted(random, input.competitor ? competitorNetworks : ownNetworks);
  const someone = pick(random, people);
  const handle =
    network === 'google_reviews'
      ? `${someone.name.split(' ')[0]} ${someone.name[0]}.`
      : someone.handle;
  const text =
    network === 'google_reviews' ? `${reviewStars(input.kind)} stars. ${input.text}` : input.text;
  return { ...rest, network, text, author: { ...someone, handle }, care: null };
}

function reviewStars(kind: PostKind): number {
  return kind === 'complaint' ? 1 : kind === 'praise' ? 5 : kind === 'idea' ? 4 : 3;
}

function person(random: Random): Person {
  const first = pick(random, firstNames);
  const last = pick(random, lastNames);
  const tag = `${first}${last}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/gu, '');
  const number = Math.floor(random() * 900) + 10;
  return {
    handle: random() < 0.5 ? `${tag}${number}` : `${tag}.bsky.social`,
    name: `${first} ${last}`,
    followers: Math.round(logNormal(random, 260, 1.7)),
  };
}

function brandName(random: Random, competitor: boolean): string {
  return competitor
    ? pick(random, ['@contosoair', 'Contoso', 'Contoso Airways'])
    : pick(random, ['@NorthwindAir', '@northwindair', 'Northwind', 'Northwind Air']);
}

function writePost(random: Random, kind: PostKind, competitor: boolean, storm: boolean): string {
  const template =
    storm && kind === 'complaint' && random() < 0.6
      ? pick(random, stormComplaints)
      : pick(random, customerTemplates[kind]);
  return fill(random, template, brandName(random, competitor));
}

/** Fills a template's slots; the first letter is capitalised if a slot opened the sentence. */
function fill(random: Random, template: string, brand: string): string {
  const text = template.replace(/\{(\w+)\}/gu, (_whole, slot: string) => {
    if (slot === 'brand') return brand;
    if (slot === 'flight') return `NW${100 + Math.floor(random() * 900)}`;
    if (slot === 'ref')
      return Math.floor(random() * 36 ** 6)
        .toString(36)
        .toUpperCase()
        .padStart(6, 'Q');
    if (slot === 'route') {
      const from = pick(random, slotValues['airport']!);
      let to = pick(random, slotValues['airport']!);
      if (to === from) to = from === 'SEA' ? 'DEN' : 'SEA';
      return `${from}–${to}`;
    }
    return pick(random, slotValues[slot] ?? [slot]);
  });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const agentInitials = ['AK', 'BA', 'RL'];

const followUpTemplates = [
  '{brand} done, sent you a DM with the booking reference.',
  '{brand} thanks, but the app still shows it as pending. Any update?',
  '{brand} DM sent. How long does this usually take?',
  '{brand} still nothing on my side, can you check again please?',
  '{brand} which form do I use for that? The link in the email is broken.',
  '{brand} ok thanks. Will I get an email when it is done?',
];

const followUpReplies = [
  'Got it, {name}, thank you. It is sorted now: you will have an email within the hour.',
  'Thanks {name}. We checked again and pushed it through; it shows on your account now.',
  'Sorry for the trouble, {name}. We have sent you the right link by DM.',
  'Yes, {name}: an email comes as soon as it is done, usually within a day.',
];

/** The answer (minutes after the post), the resolution and the survey's rating, before `now`. */
function care(random: Random, item: HistoryPost, day: number, now: Date): HistoryCare {
  const cap = (at: number, minutesBeforeNow: number) =>
    new Date(Math.min(at, now.getTime() - minutesBeforeNow * minuteMs));
  const posted = item.postedAt.getTime();
  const answered = item.kind !== 'other' || random() < 0.4;
  const storm = inside(day, stormDays);
  const slowShare = storm ? 0.6 : day === outageDay ? 0.4 : 0.12;
  const delay =
    random() < slowShare
      ? logNormal(random, storm ? 200 : 110, 0.7)
      : logNormal(random, item.kind === 'complaint' ? 16 : 24, 0.6);
  const firstName = item.author.name.split(' ')[0]!;
  const replyAt = cap(posted + Math.max(2, delay) * minuteMs, 40);
  const reply = answered
    ? {
        at: replyAt,
        text: `${fill(random, pick(random, replyTemplates[item.kind]).replaceAll('{name}', firstName), '')} ^${pick(random, agentInitials)}`,
      }
    : null;
  const resolvedAt = cap(
    (reply ? reply.at.getTime() : posted) + logNormal(random, 180, 1) * minuteMs,
    30,
  );
  if (!reply || random() > 0.38) return { reply, resolvedAt, csat: null };
  const minutes = (reply.at.getTime() - posted) / minuteMs;
  const scores =
    minutes <= 60
      ? { 5: 50, 4: 33, 3: 10, 2: 4, 1: 3 }
      : minutes <= 240
        ? { 5: 25, 4: 30, 3: 25, 2: 12, 1: 8 }
        : { 5: 10, 4: 15, 3: 20, 2: 25, 1: 30 };
  const score = Number(weighted(random, scores as Record<string, number>));
  return {
    reply,
    resolvedAt,
    csat: { score, at: cap(resolvedAt.getTime() + logNormal(random, 90, 0.8) * minuteMs, 10) },
  };
}
