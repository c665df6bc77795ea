/**
 * Customer satisfaction: after a conversation is resolved, one question is asked as a reply,
 * and a 1–5 rating in the customer's next message is recognised. Recognition errs on the side
 * of "no answer": a number is a rating only when the words around it say so.
 */
export const defaultCsatQuestion =
  'Thanks for talking to us! How did we do, from 1 (poor) to 5 (great)? Just reply with a number.';

const words: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };
const score = String.raw`([1-5]|one|two|three|four|five)`;
// After a rating may come its scale, then the end, punctuation, or a word that starts a reason.
const tail = String.raw`(?:\s*(?:stars?|⭐+|\/\s*5|out of (?:5|five)))?\s*(?=$|[.!,;:)\-–—]|\s+(?:from|for|because|since|and|but|thanks|thank|ty|tbh|honestly|overall|great|good|ok|okay)\b)`;

const patterns: readonly RegExp[] = [
  // "5", "5.", "4!", "3 - slow but fine", "5, thanks"
  new RegExp(String.raw`^\s*${score}${tail}`, 'iu'),
  // "5/5", "4 out of 5", "4 / 5"
  new RegExp(String.raw`(?:^|[^\d/])${score}\s*(?:\/\s*5|out of (?:5|five))(?!\d)`, 'iu'),
  // "I'd give it a 4", "rate you 5 stars", "rating: 3", "score 4/5"
  new RegExp(
    String.raw`\b(?:give|giving|gave|rate|rating|rated|score|scored)\b[^.!?\d]{0,20}?\b${score}\b${tail}`,
    'iu',
  ),
  // "four stars", "5 stars"
  new RegExp(String.raw`(?:^|[^\d])${score}\s*stars?\b`, 'iu'),
];

const toNumber = (token: string): number => words[token.toLowerCase()] ?? Number(token);

/** The 1–5 rating a message gives, or null when it gives none (or several different ones). */
export function parseCsatScore(text: string): number | null {
  const found = new Set<number>();
  // A run of one to five stars: "⭐⭐⭐⭐", "★★★★★ lovely".
  const runs = [...text.matchAll(/(?:⭐|★|🌟)+/gu)].map((m) => [...m[0]].length);
  for (const run of runs) if (run >= 1 && run <= 5) found.add(run);
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match?.[1]) found.add(toNumber(match[1]));
  }
  return found.size === 1 ? [...found][0]! : null;
}

// What may surround a rating in a message that is only the survey's answer: thanks and praise.
const rating = String.raw`(?:[1-5]|one|two|three|four|five)(?:\s*(?:\/\s*5|out of (?:5|five)))?`;
const courtesy = new Set(
  `a all amazing awesome brilliant cheers excellent fast fine for give great guys help helpful
  i i'd it lovely love many much nice ok okay out perfect quick rate rating really service so
  star stars super support team thank thanks the ty very was well you your`.split(/\s+/u),
);

/**
 * Whether a message is only the answer to a survey: a rating with, at most, thanks and praise
 * around it ("5", "4/5 thanks", "five stars, great service!"). A question or any other word
 * ("5 but my order never came") means the customer says more than a rating, which reopens the
 * conversation like any new message.
 */
export function isOnlyCsatAnswer(text: string): boolean {
  if (parseCsatScore(text) === null || text.includes('?')) return false;
  const rest = text
    .toLowerCase()
    .replace(new RegExp(String.raw`\b${rating}\b`, 'gu'), ' ')
    .replace(/[⭐★🌟]/gu, ' ');
  const words = rest.match(/[\p{L}\p{N}']+/gu) ?? [];
  return words.every((word) => courtesy.has(word));
}
