import { replyLengthLimits } from './network.ts';
import type { Network } from './network.ts';

/**
 * Checks an agent's draft before it goes public, where one snarky or deflecting reply can
 * travel further than the complaint. Rules, not a model: every flag must point at words the
 * agent can see and change. A flag advises; the agent may still send.
 */

export type ToneFlagCode =
  'sarcasm' | 'blame' | 'all_caps' | 'missing_apology' | 'deflection' | 'too_long';

export interface ToneFlag {
  code: ToneFlagCode;
  message: string;
  suggestion: string;
  /** The words that raised the flag, when there are some to point at. */
  excerpt?: string;
}

interface DraftReply {
  text: string;
  network: Network;
  /** True when the reply answers a complaint (the conversation's triage said so). */
  answersComplaint: boolean;
}

const snark: readonly RegExp[] = [
  // Only when aimed at the customer: "obviously that's no help to you" is candour, not snark.
  /\b(?:clearly|obviously),? (?:you|your)\b|\b(?:as is|it's|it is) (?:clearly|obviously)\b/iu,
  /\b(?:as you can see|good luck with that|nice try|with all due respect|no offen[cs]e|newsflash|bless your heart|must be nice|believe it or not|shocking,? i know)\b/iu,
  /\b(?:did|do) you even\b|\bfeel free to (?:shop|take your business|go) elsewhere\b/iu,
  /\bi'?m sure (?:the other|everyone|you)\b[^.?!]{0,40}\b(?:enjoyed|loved)\b|n't\b[^.?!]{1,60}, (?:can|could|do|did|would|will|is|are) (?:we|you|i|it|they)\?/iu,
  /\bsure,? because\b|\bbecause we (?:totally|really|just|obviously) (?:love|enjoy)\b/iu,
  // Belittling the problem: "it's only a 5-minute delay", "not exactly the end of the world".
  /\bnot (?:exactly )?the end of the world\b|\bit(?:'s| is| was) (?:only|just) (?:a|one) (?:\d+[- ])?(?:minute|hour|day)s?\b/iu,
  /\b(?:wow|oh|gee|congrats),? (?:so|look|really|another|you|thanks)\b|\bthanks? for (?:nothing|the (?:lecture|essay))\b/iu,
  /\b(?:lol|lmao|smh|k thx)\b|[🙄🙃😒😏]/iu,
  /\bsome (?:of us|people) (?:actually|have to|read)\b/iu,
];

const blame: readonly RegExp[] = [
  // "You should have received an email" informs; "you should have checked" blames.
  /\byou (?:should|could|would)(?: have|'ve) (?!received|got|gotten|been|had|seen)\w+/iu,
  /\bas (?:we|i|our (?:team|agent|colleague)s?) (?:have )?(?:already|previously|clearly) (?:told|said|stated|mentioned|explained|advised|informed)\b/iu,
  /\bas (?:already |previously |clearly )?(?:stated|explained|mentioned) (?:before|previously|above|in our (?:previous|last|earlier))\b|\bper our (?:previous|last|earlier) (?:reply|message|tweet|email)\b/iu,
  /\byou (?:failed|neglected|forgot) to\b|\byou (?:did ?n[o']t|didn't|never) (?:read|check|follow|bother)\b/iu,
  /\b(?:it(?:'s| is)|that(?:'s| is)) (?:your|the customer's) (?:own )?(?:fault|responsibility|problem)\b|\bthat(?:'s| is) on you\b|\buser error\b/iu,
  /\byou (?:were|have been) (?:clearly )?(?:told|informed|warned|advised)\b|\bthe terms you agreed to\b/iu,
  /\bnext time,? (?:please )?(?:make sure|read|check|try)\b/iu,
  /\bif you(?:'d| had)? (?:actually |bothered to |only )?(?:read|checked|looked|followed)\b/iu,
  /\byou (?:\w+ )?(?:entered|typed|selected|chose|picked|provided|gave us|booked|used) (?:the |a |an )?(?:wrong|incorrect|invalid)\b/iu,
  /\b(?:was|were|has been|had been) (?:already |clearly )?(?:explained|communicated|made clear|told|sent) to you\b/iu,
  /\byou (?:ignored|missed|disregarded|didn't respond to)\b|\b(?:was|were) (?:made|booked|entered|placed|sent) (?:for|with|to) the wrong\b/iu,
  /\b(?:instructions|terms|conditions|policy|confirmation|website|label) (?:do|does|clearly) (?:say|says|state|states|show|shows)\b/iu,
];

const deflection: readonly RegExp[] = [
  /\b(?:only|outside(?: of)?|during|within|back in) (?:our )?(?:office|business|working|opening) hours\b|\b(?:we|our (?:\w+ )?team) (?:are|is|works?|operates?|replies|responds?) (?:only )?(?:available |online |open |here )?(?:from |between |on |during )?(?:\d{1,2}(?::\d\d)?\s?(?:am|pm)?\s?(?:[–-]|to)|mon|weekdays|business|office|working)/iu,
  /\bnot (?:our|my) (?:department|responsibility|problem|concern|area)\b|\b(?:we|i) (?:can(?:no|')t|do(?: no|n')t) (?:deal with|handle|help with|discuss|answer|process|do) (?:\w+ ){0,2}?(?:here|on (?:twitter|x|social(?: media)?|facebook|instagram|this channel))\b/iu,
  /\byou(?:'ll| will) (?:need|have) to (?:contact|call|phone|email|speak to|reach out to|write to|take (?:this|it) up)\b/iu,
  /\b(?:please )?(?:call|phone|ring|contact) (?:our |the )?(?:customer (?:service|care)(?: team| line| number)?|helpline|hotline|call cent(?:er|re)|support line|phone line)\b/iu,
  /\b(?:submit|fill (?:in|out)|complete|use|raise (?:it|this) (?:via|through)) (?:a |the |our )?(?:complaint|contact|online|web|feedback) form\b/iu,
  /\b(?:unable|not able|not permitted) to (?:comment on|discuss|help with|deal with|answer) (?:\w+ ){0,3}?(?:on|via|over) (?:social media|twitter|x|facebook|instagram|here)\b/iu,
  // Sending the customer to another address or another company instead of handing over.
  /\b(?:reach out to|contact|call|speak to) them directly\b/iu,
  /\b(?:please|kindly|you (?:can|should|may|must)) (?:email|write to|contact|call) [\w.+-]+@[\w-]+\.[\w.]+/iu,
  /\b(?:please|kindly|you (?:can|should|may|must|need to)) (?:contact|call|speak to|reach out to|get in touch with) (?:the|your) (?:\w+ ){0,2}?(?:agent|retailer|seller|bank|manufacturer|airline|provider|insurer|department|courier|store)\b/iu,
];

const apology =
  /\b(?:sorry|apologi[sz]e[sd]?|apologies|regret|our (?:mistake|fault|error)|we (?:let you down|got (?:this|it) wrong|messed up|dropped the ball))\b|\bnot the experience we\b/iu;
// Regret that the customer feels something is not an apology for what happened.
const nonApology =
  /\bsorry (?:(?:that |if )?you (?:feel|felt|think|thought|see it|were offended|are upset)|if (?:this|that|anyone|you)|for any (?:perceived|inconvenience you may feel))\b/giu;

// Abbreviations and brands care teams write in capitals on purpose.
const acronyms = new Set(
  'FAQ DM DMS ETA PNR SMS USB PIN SIM ID UK US USA EU TV OK FYI ASAP GPS PDF URL VAT APR IT IOS CEO HQ AM PM GMT UTC EST PST BST CET CST NYC LAX LHR JFK ATM EMV IBAN BIC UPS DHL USPS FEDEX ASOS IKEA NASA BBC HR'.split(
    ' ',
  ),
);
const emphaticWords = new Set(
  'NOT NEVER MUST ONLY ALWAYS PLEASE READ DO DID CANNOT CANT WONT DONT WILL ALREADY AGAIN NO'.split(
    ' ',
  ),
);

const maxScannedChars = 20_000;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Every flag the draft raises, in a stable order. An empty list means nothing to change. */
export function checkTone(draft: DraftReply): ToneFlag[] {
  // Phrase rules read the start only: no network takes more than 10,000 characters, and this
  // keeps a pasted megabyte from freezing the composer.
  const text = draft.text.slice(0, maxScannedChars);
  const flags: ToneFlag[] = [];
  const sarcastic = firstMatch(snark, text);
  if (sarcastic !== undefined) {
    flags.push({
      code: 'sarcasm',
      message: `"${sarcastic}" can read as sarcastic or dismissive in public.`,
      suggestion: 'Say plainly what you will do next; leave out irony, eye-rolls and "clearly".',
      excerpt: sarcastic,
    });
  }
  const blaming = firstMatch(blame, text);
  if (blaming !== undefined) {
    flags.push({
      code: 'blame',
      message: `"${blaming}" puts the blame on the customer.`,
      suggestion:
        'Explain what happened and what you can do now, without saying what they did wrong.',
      excerpt: blaming,
    });
  }
  const shouted = shoutedWords(text);
  if (shouted !== undefined) {
    flags.push({
      code: 'all_caps',
      message: `Capitals ("${shouted}") read as shouting.`,
      suggestion: 'Write in sentence case; use plain words for emphasis.',
      excerpt: shouted,
    });
  }
  if (draft.answersComplaint && !apology.test(text.replace(nonApology, ' '))) {
    flags.push({
      code: 'missing_apology',
      message: 'This answers a complaint without an apology.',
      suggestion: 'Start by owning the problem: "Sorry your bag didn\'t arrive, that\'s not okay."',
    });
  }
  const deflecting = firstMatch(deflection, text);
  if (deflecting !== undefined) {
    flags.push({
      code: 'deflection',
      message: `"${deflecting}" sends the customer somewhere else instead of helping here.`,
      suggestion:
        'Help in this conversation, or hand it over yourself and say who will follow up and when.',
      excerpt: deflecting,
    });
  }
  const limit = replyLengthLimits[draft.network];
  // A string no longer than the limit in UTF-16 units cannot have more graphemes than that.
  const length = draft.text.length > limit ? countGraphemes(text) : 0;
  if (length > limit) {
    const counted =
      draft.text.length > text.length ? `Over ${maxScannedChars.toLocaleString('en')}` : length;
    flags.push({
      code: 'too_long',
      message: `${counted} characters; ${draft.network} allows ${limit}.`,
      suggestion: 'Shorten it, or move the details to a private message.',
    });
  }
  return flags;
}

/** Characters as a person (and most networks) count them: one emoji is one. */
export function countGraphemes(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

function firstMatch(patterns: readonly RegExp[], text: string): string | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match !== null) return match[0];
  }
  return undefined;
}

/** The shouted words, if any: an emphatic word, two capitalised words in a row, or a long one. */
function shoutedWords(text: string): string | undefined {
  const words = text
    .replace(/(?:https?:\/\/|www\.)\S+|[@#][\p{L}\p{N}_.]+/gu, ' ')
    .split(/[^\p{L}\p{N}'’]+/u)
    .map((w) => w.replace(/['’]/gu, ''));
  const loud = words.map(
    (w) => w.length >= 2 && /^\p{Lu}+$/u.test(w) && !acronyms.has(w) && !/\p{N}/u.test(w),
  );
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    if (!loud[i]) continue;
    if (emphaticWords.has(word) || word.length >= 5) return word;
    if (loud[i + 1] === true) return `${word} ${words[i + 1] ?? ''}`;
  }
  return undefined;
}
