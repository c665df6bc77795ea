/**
 * Teammates mentioned in an internal note as `@Name`. The note keeps its words as written; the
 * server finds who was meant among the workspace's members only, so nobody outside the
 * workspace can ever be mentioned (a name that is not a member's is just text).
 */
export interface Mentionable {
  userId: string;
  name: string;
}

/** A letter, digit, or connector: a character that would make a name longer. */
const wordCharacter = /[\p{L}\p{N}_]/u;

const isBoundary = (character: string | undefined) =>
  character === undefined || !wordCharacter.test(character);

/**
 * Where each member's `@Name` appears in the text, longest names first so that "@Ana Lopez" is
 * Ana Lopez and not Ana. An `@` inside a word (an email address) is not a mention.
 */
function findMentionSpans(
  text: string,
  members: readonly Mentionable[],
): Array<{ start: number; end: number; userId: string }> {
  const lower = text.toLowerCase();
  const byLength = [...members]
    .filter((member) => member.name.trim().length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  const taken: boolean[] = [];
  const spans: Array<{ start: number; end: number; userId: string }> = [];
  for (const member of byLength) {
    const needle = `@${member.name.toLowerCase()}`;
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if (!isBoundary(text[at - 1]) || !isBoundary(text[end])) continue;
      if (taken.slice(at, end).some(Boolean)) continue;
      for (let i = at; i < end; i += 1) taken[i] = true;
      spans.push({ start: at, end, userId: member.userId });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** The members a note mentions, each once, in the order first mentioned. */
export function mentionedUserIds(text: string, members: readonly Mentionable[]): string[] {
  return [...new Set(findMentionSpans(text, members).map((span) => span.userId))];
}

/** The note cut into plain text and mentions, for showing mentions apart (always as text). */
export function mentionSegments(
  text: string,
  members: readonly Mentionable[],
): Array<{ text: string; userId: string | null }> {
  const segments: Array<{ text: string; userId: string | null }> = [];
  let from = 0;
  for (const span of findMentionSpans(text, members)) {
    if (span.start > from) segments.push({ text: text.slice(from, span.start), userId: null });
    segments.push({ text: text.slice(span.start, span.end), userId: span.userId });
    from = span.end;
  }
  if (from < text.length) segments.push({ text: text.slice(from), userId: null });
  return segments;
}

/** Longest `@…` typed before the caret that the picker still offers names for. */
const maxQueryLength = 40;

/**
 * The `@query` being typed at the caret, if any: an `@` at the start or after a space or
 * punctuation, and no line break between it and the caret.
 */
export function mentionQueryAt(
  text: string,
  caret: number,
): { start: number; query: string } | null {
  const start = text.lastIndexOf('@', caret - 1);
  if (start === -1 || caret - start - 1 > maxQueryLength) return null;
  if (!isBoundary(text[start - 1])) return null;
  const query = text.slice(start + 1, caret);
  if (/[\n\r@]/.test(query) || query.startsWith(' ')) return null;
  return { start, query };
}

/** Members whose name (or a word of it) starts with the query, at most `limit`. */
export function matchMembers<T extends Mentionable>(
  members: readonly T[],
  query: string,
  limit = 8,
): T[] {
  const wanted = query.trim().toLowerCase();
  return members
    .filter((member) => {
      const name = member.name.toLowerCase();
      return name.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted));
    })
    .slice(0, limit);
}

/** The text with the `@query` at `start`…`caret` replaced by `@Name `, and the caret after it. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}
