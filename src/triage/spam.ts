/**
 * Spam and abuse as explainable rules. The verdict only hides a mention from the default
 * inbox (it stays searchable and can be restored); nothing is ever deleted because of it,
 * so the rules lean towards missing spam rather than hiding a real customer.
 */

/** A recent mention seen on the same channel, for duplicate detection. */
export interface RecentText {
  text: string;
  authorId?: string;
}

export interface SpamInput {
  text: string;
  authorId?: string;
  /** Recent mentions (for example the last hour of the brand's stream), newest or oldest first. */
  recentTexts?: readonly RecentText[];
}

export interface SpamVerdict {
  spam: boolean;
  abuse: boolean;
  /** 0..1: how sure the rules are that this should be hidden from the default inbox. */
  score: number;
  reasons: string[];
}

interface Signal {
  kind: 'spam' | 'abuse';
  weight: number;
  reason: string;
}

// Rules look at the start of a text only: spam says what it wants early, and this bounds
// the work on a megabyte-long line.
const maxScannedChars = 5000;
const spamThreshold = 0.5;

const urlPattern = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const shortenerHosts = new Set(
  'bit.ly tinyurl.com goo.gl ow.ly is.gd buff.ly cutt.ly rebrand.ly shorturl.at rb.gy t.ly tiny.cc'.split(
    ' ',
  ),
);
// Top-level domains that abuse registries (Spamhaus, Interisle) list as mostly used for spam.
const suspiciousTlds = new Set(
  'xyz top click loan win bid icu buzz tk ml ga cf gq rest cam'.split(' '),
);

const crypto = '(?:btc|bitcoin|eth|ethereum|crypto|usdt|solana|nfts?)';
const cryptoWords = [
  'btc',
  'bitcoin',
  'eth',
  'ethereum',
  'crypto',
  'usdt',
  'solana',
  'nft',
  'nfts',
];
// Each pattern runs only when one of its trigger words is in the text: most mentions contain
// none, and a Set lookup per word is far cheaper than a case-insensitive Unicode regex.
const spamPatterns: ReadonlyArray<{
  pattern: RegExp;
  triggers: readonly string[];
  weight: number;
  reason: string;
}> = [
  {
    // Not just "crypto + send": exchanges are brands too, and their customers complain about sending BTC.
    pattern: new RegExp(
      `\\b(?:giveaway|giving away|airdrop)\\b.{0,80}\\b${crypto}\\b|\\b${crypto}\\b.{0,80}\\b(?:giveaway|airdrop)\\b|\\bdouble (?:your|ur) (?:${crypto}|money|investment)\\b|\\bsend \\d+(?:\\.\\d+)? ?${crypto}\\b.{0,80}\\b(?:receive|get|back)\\b`,
      'iu',
    ),
    triggers: cryptoWords,
    weight: 0.6,
    reason: 'crypto giveaway pattern',
  },
  {
    pattern:
      /\b(?:dm|message|inbox)\b(?: me| us)? (?:for|4) (?:paid )?(?:promo(?:tion)?s?|collab(?:oration)?s?|shout ?outs?|features?)\b|\bpromo(?:tion)? services?\b/iu,
    triggers: [
      'promo',
      'promos',
      'promotion',
      'promotions',
      'collab',
      'collabs',
      'collaboration',
      'collaborations',
      'shout',
      'shoutout',
      'shoutouts',
      'feature',
      'features',
    ],
    weight: 0.6,
    reason: 'promotion offer ("DM for promo")',
  },
  {
    // "follow back so I can DM you" is how customers reach a brand's DMs, so it is not here.
    pattern:
      /\b(?:follow (?:for|4) follow|f4f|l4l|like (?:for|4) like|gain (?:\d+k? )?followers|free followers|buy followers)\b/iu,
    triggers: ['follow', 'f4f', 'l4l', 'like', 'followers'],
    weight: 0.6,
    reason: 'follow-for-follow pattern',
  },
  {
    pattern:
      /\b(?:earn|make) \$?\d[\d,.]*k?\$? (?:a|per|every) (?:day|week|hour)\b|\bwork from home\b.{0,60}(?:\$|\bearn|\bincome)/iu,
    triggers: ['earn', 'make', 'home'],
    weight: 0.5,
    reason: 'money-making scheme',
  },
  {
    // Past-tense money testimonials ("I made $4,000 this week trading…") are how signal sellers
    // advertise; alone they could be a customer's story, so they need a second sign.
    pattern:
      /\b(?:made|earned|making|earning) (?:over |up to )?\$\d[\d,.]*k? (?:this|last|in a|in one|a|per|every) (?:day|week|month|hour)\b|\btrading (?:crypto|forex|bitcoin|stocks) with @\w+/iu,
    triggers: ['made', 'earned', 'making', 'earning', 'trading'],
    weight: 0.35,
    reason: 'money testimonial',
  },
  {
    pattern:
      /\b(?:message|dm|contact|text|write to) (?:him|her|@\w+) (?:now|today|asap|right away)\b|\b(?:s?he|they)(?:['’]s| is| are) (?:legit|legitimate|the best)\b/iu,
    triggers: ['message', 'dm', 'contact', 'text', 'write', 'legit', 'legitimate'],
    weight: 0.3,
    reason: "points to someone else's contact",
  },
  {
    pattern:
      /\binvest (?:only )?\$?\d[\d,.]*k? (?:and|to) (?:earn|get|make|receive)\b|\bguaranteed (?:returns|profits?|income)\b|\b(?:returns|profits?) guaranteed\b/iu,
    triggers: ['invest', 'guaranteed'],
    weight: 0.5,
    reason: 'investment scheme',
  },
  {
    // What a prize scam says; a customer quoting an ad ("it said win a free trip") has this
    // sign alone, a scam adds a link, a claim or urgency.
    pattern: new RegExp(
      `\\b(?:you(?:['’]ve| have)? (?:just )?(?:won|been selected)|lucky winners?|claim (?:your|ur) (?:free )?(?:\\$?\\d[\\d,.]* )?(?:\\w+ )?(?:prizes?|rewards?|gifts?|vouchers?|tokens?|bonus|nfts?|iphone)|win (?:a |an )?free|free (?:\\d+(?:\\.\\d+)? )?(?:${crypto}|gift ?cards?|iphones?|vouchers?|followers|money)|win (?:\\d+(?:\\.\\d+)? )?${crypto})\\b`,
      'iu',
    ),
    triggers: ['won', 'selected', 'winner', 'winners', 'claim', 'free', 'win'],
    weight: 0.4,
    reason: 'prize or free-money bait',
  },
  {
    pattern:
      /\byou won['’]?t believe\b|\bdoctors hate\b|\bone (?:weird |simple |easy )?trick\b|\bwhat happen(?:s|ed) next\b|\bhot singles\b/iu,
    triggers: ['believe', 'doctors', 'trick', 'happens', 'happened', 'singles'],
    weight: 0.35,
    reason: 'click-bait phrase',
  },
  {
    pattern:
      /\b(?:click|tap) (?:here|now|this link|the link below)\b|\bclaim (?:it |yours |them )?(?:here|now|today|at)\b/iu,
    triggers: ['click', 'tap', 'claim'],
    weight: 0.25,
    reason: 'asks to click or claim',
  },
  {
    pattern:
      /\blimited(?: time)? offer\b|\b(?:today|tonight) only\b|\bonly \d+ left\b|\bfirst \d[\d,]* (?:people|wallets|users|followers|members)\b|\bwithin \d+ (?:hours|minutes)\b|\bbefore it ends\b/iu,
    triggers: ['limited', 'only', 'first', 'within', 'ends'],
    weight: 0.25,
    reason: 'false urgency',
  },
  {
    pattern:
      /\b(?:follow|like),? (?:rt|retweet)\b|\b(?:rt|retweet) and (?:follow|tag)\b|\btag \d+ friends\b|\bdrop (?:your|ur) (?:wallet|address|@)|\bconnect (?:your|ur) wallet\b/iu,
    triggers: ['follow', 'like', 'rt', 'retweet', 'tag', 'drop', 'connect'],
    weight: 0.3,
    reason: 'engagement or wallet bait',
  },
  {
    pattern: /\b(?:check|click|see) (?:the )?link in (?:my )?bio\b|\bcheck my (?:bio|profile)\b/iu,
    triggers: ['bio', 'profile'],
    weight: 0.4,
    reason: 'points to a link in bio',
  },
  {
    // Recovery scams answer complaints posing as support and move the victim to a messenger.
    pattern:
      /\b(?:whats ?app|telegram)\b.{0,20}?(?:\+\d[\d\s-]{7,}|@\w{3,})|@\w{3,} (?:on|via) (?:whats ?app|telegram)\b|\b(?:wa\.me|t\.me)\//iu,
    triggers: ['whatsapp', 'whats', 'telegram', 'me'],
    weight: 0.45,
    reason: 'moves the conversation to a WhatsApp/Telegram contact',
  },
  {
    // Support never asks a customer to write to it on a messenger; a victim describing the
    // scam ("someone on telegram pretended to be you") does not ask anyone to write there.
    pattern:
      /\b(?:contact|message|reach out to|text|write to|dm)\b.{0,40}?\b(?:on|via|at) (?:whats ?app|telegram|wa\.me|t\.me)\b/iu,
    triggers: ['whatsapp', 'whats', 'telegram', 'me'],
    weight: 0.3,
    reason: 'asks to write on a messenger',
  },
  {
    pattern: /\brecovered my (?:hacked |stolen |lost )?(?:account|funds|crypto|wallet|money)\b/iu,
    triggers: ['recovered'],
    weight: 0.3,
    reason: 'recovery testimonial',
  },
  {
    pattern:
      /\b(?:recovery (?:expert|agent|specialist|hacker)s?|(?:funds?|crypto|account) recovery (?:service|expert|team)s?)\b/iu,
    triggers: ['recovery'],
    weight: 0.45,
    reason: 'account-recovery scam pattern',
  },
];

// A small, deliberately conservative list. Profanity alone is not abuse: angry customers
// swear, and hiding them would bury complaints. Abuse here is a threat, a call for
// self-harm, an identity slur, or a message that is nothing but a personal insult.
const threatTriggers = new Set('kill hurt shoot stab beat punch live kys die hang'.split(' '));
const threatPatterns: readonly RegExp[] = [
  /\b(?:i'?ll|i will|gonna|going to|i'?m going to) (?:kill|hurt|shoot|stab|beat|punch) (?:you|u|ya|all of you)\b/iu,
  /\bi know where (?:you|u) live\b/iu,
  /\b(?:kill|hang) (?:your ?self|urself)\b|\bkys\b|\bhope (?:you|u) (?:die|get cancer)\b|\bgo die\b/iu,
];
// Identity slurs (the most frequent English ones in hate-speech lexicons such as Hatebase).
// Matched as whole words wherever they appear: there is no customer-care use for them.
const slurs =
  'faggot faggots fag fags tranny trannies nigger niggers kike kikes chink chinks spic spics wetback wetbacks raghead ragheads retard retards'.split(
    ' ',
  );
const slurWords = new Set(slurs);
const insults =
  'idiot idiots moron morons imbecile imbeciles scumbag scumbags loser losers clown clowns dumbass dumbasses bitch bitches whore cunt cunts'.split(
    ' ',
  );
const insultTriggers = new Set([...insults, 'fuck']);
const directedInsult = new RegExp(
  `\\b(?:you|u|ur|you're|youre|you are|you guys are|your staff are)\\b(?:\\s+\\w+){0,2}?\\s+(?:${insults.join('|')})\\b|\\bfuck (?:you|u|off)\\b`,
  'iu',
);
// An insult surrounded by more words than this is most likely a complaint with a swear in it.
const pureInsultMaxWords = 8;

const repeatedMinChars = 20;
const manyAuthorsThreshold = 3;

/** Judges one mention; pure, bounded time on any input. */
export function detectSpam(input: SpamInput): SpamVerdict {
  const text = input.text.slice(0, maxScannedChars);
  const lower = text.toLowerCase();
  const words = lower.match(/[a-z0-9]+/g) ?? [];
  const signals: Signal[] = [
    ...linkSignals(text, lower),
    ...patternSignals(text, words),
    ...repetitionSignals(text, input),
    ...abuseSignals(text, words),
  ];
  const spamScore = combine(signals.filter((s) => s.kind === 'spam'));
  const abuse = signals.some((s) => s.kind === 'abuse');
  return {
    spam: spamScore >= spamThreshold,
    abuse,
    score: combine(signals),
    reasons: signals.map((s) => s.reason),
  };
}

/** Independent evidence: 1 − Π(1 − wᵢ), so more signals only ever raise the score. */
function combine(signals: readonly Signal[]): number {
  return signals.reduce((score, s) => 1 - (1 - score) * (1 - s.weight), 0);
}

function linkSignals(text: string, lower: string): Signal[] {
  const urls =
    lower.includes('http') || lower.includes('www.') ? (text.match(urlPattern) ?? []) : [];
  const signals: Signal[] = [];
  // News and fan accounts post three links routinely (a photo, an article, a source); a link
  // farm posts more, or three alongside another signal.
  if (urls.length >= 3)
    signals.push({
      kind: 'spam',
      weight: Math.min(0.15 * urls.length, 0.75),
      reason: `${urls.length} links`,
    });
  const hosts = [...urls.map(hostOf).filter((h) => h !== undefined), ...bareHosts(lower)];
  const shorteners = hosts.filter((h) => shortenerHosts.has(h));
  if (shorteners.length > 0)
    signals.push({ kind: 'spam', weight: 0.25, reason: `link shortener (${shorteners[0]})` });
  const suspicious = hosts.filter((h) => suspiciousTlds.has(h.slice(h.lastIndexOf('.') + 1)));
  if (suspicious.length > 0)
    signals.push({ kind: 'spam', weight: 0.35, reason: `suspicious domain (${suspicious[0]})` });
  const hashtags = text.includes('#') ? (text.match(/#[\p{L}\p{N}_]+/gu)?.length ?? 0) : 0;
  if (hashtags >= 6) signals.push({ kind: 'spam', weight: 0.3, reason: `${hashtags} hashtags` });
  return signals;
}

// A link written without http:// ("claim at btcfree.top", "bit.ly/xyz"): only the hosts the
// signals look at are picked out, so "node.js" or "e.g." are never taken for links.
const bareHostPattern = new RegExp(
  `(?<![\\w@./-])((?:[a-z0-9-]+\\.)+(?:${[...suspiciousTlds].join('|')}))(?![\\w@-])|(?<![\\w@./-])(${[
    ...shortenerHosts,
  ]
    .map((h) => h.replaceAll('.', '\\.'))
    .join('|')})/[\\w-]`,
  'gu',
);

// Cheap first look (no look-behind, one leading literal): most texts hold no such host.
const bareHostHint = new RegExp(
  `\\.(?:${[...suspiciousTlds, ...[...shortenerHosts].map((h) => h.slice(h.lastIndexOf('.') + 1))].join('|')})\\b`,
  'u',
);

function bareHosts(lower: string): string[] {
  const hosts: string[] = [];
  if (!bareHostHint.test(lower)) return hosts;
  for (const match of lower.matchAll(bareHostPattern)) {
    const host = match[1] ?? match[2];
    if (host !== undefined) hosts.push(host.replace(/^www\./, ''));
  }
  return hosts;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url.startsWith('www.') ? `http://${url}` : url).hostname
      .replace(/^www\./, '')
      .toLowerCase();
  } catch {
    return undefined;
  }
}

// Word → the spam patterns it can start, so one pass over the words picks what to run.
const patternsByTrigger = new Map<string, number[]>();
spamPatterns.forEach((p, index) => {
  for (const word of p.triggers)
    patternsByTrigger.set(word, [...(patternsByTrigger.get(word) ?? []), index]);
});

function patternSignals(text: string, words: readonly string[]): Signal[] {
  let triggered: Set<number> | undefined;
  for (const word of words) {
    const indexes = patternsByTrigger.get(word);
    if (indexes !== undefined) for (const i of indexes) (triggered ??= new Set()).add(i);
  }
  if (triggered === undefined) return [];
  return [...triggered]
    .sort((a, b) => a - b)
    .flatMap((i) => {
      const p = spamPatterns[i];
      return p !== undefined && p.pattern.test(text)
        ? [{ kind: 'spam' as const, weight: p.weight, reason: p.reason }]
        : [];
    });
}

/** Lower-case, links and @handles removed, whitespace collapsed: what makes two posts "the same text". */
export function normalizeForRepeat(text: string): string {
  return text
    .toLowerCase()
    .replace(urlPattern, ' ')
    .replace(/@[\w.-]+/gu, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function repetitionSignals(text: string, input: SpamInput): Signal[] {
  const recent = input.recentTexts;
  if (recent === undefined || recent.length === 0) return [];
  const key = normalizeForRepeat(text);
  // Short texts ("thank you!", "still waiting") repeat naturally between real customers.
  if (key.length < repeatedMinChars) return [];
  const authors = new Set<string>();
  let same = 0;
  let sameAuthor = 0;
  for (const r of recent) {
    if (normalizeForRepeat(r.text.slice(0, maxScannedChars)) !== key) continue;
    same += 1;
    if (r.authorId !== undefined) authors.add(r.authorId);
    if (input.authorId !== undefined && r.authorId === input.authorId) sameAuthor += 1;
  }
  const signals: Signal[] = [];
  if (input.authorId !== undefined) authors.add(input.authorId);
  const otherAuthors = input.authorId === undefined ? authors.size : authors.size - 1;
  if (otherAuthors + 1 >= manyAuthorsThreshold) {
    signals.push({
      kind: 'spam',
      weight: Math.min(0.3 + 0.1 * otherAuthors, 0.8),
      reason: `same text from ${otherAuthors + 1} authors`,
    });
  } else if (input.authorId === undefined && same >= manyAuthorsThreshold) {
    signals.push({ kind: 'spam', weight: 0.5, reason: `same text seen ${same + 1} times` });
  }
  if (sameAuthor >= 1)
    signals.push({
      kind: 'spam',
      weight: Math.min(0.3 + 0.15 * sameAuthor, 0.8),
      reason: `author posted the same text ${sameAuthor + 1} times`,
    });
  return signals;
}

function abuseSignals(text: string, words: readonly string[]): Signal[] {
  const signals: Signal[] = [];
  let threatWord = false;
  let slur = false;
  let insultWord = false;
  for (const word of words) {
    threatWord ||= threatTriggers.has(word);
    slur ||= slurWords.has(word);
    insultWord ||= insultTriggers.has(word);
  }
  if (threatWord && threatPatterns.some((p) => p.test(text)))
    signals.push({ kind: 'abuse', weight: 0.8, reason: 'threat or call for self-harm' });
  if (slur) signals.push({ kind: 'abuse', weight: 0.8, reason: 'identity slur' });
  const insult = insultWord ? directedInsult.exec(text) : null;
  if (insult !== null) {
    const words = text
      .split(/\s+/u)
      .filter((w) => /[\p{L}\p{N}]/u.test(w) && !w.startsWith('@')).length;
    const insultWordsCount = insult[0].split(/\s+/u).length;
    if (words - insultWordsCount <= pureInsultMaxWords)
      signals.push({ kind: 'abuse', weight: 0.6, reason: 'personal insult' });
  }
  return signals;
}
