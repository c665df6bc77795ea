import type { ConversationDetail, Mention, Note, Reply } from '../api/types.ts';

export type TimelineEntry =
  | { kind: 'mention'; at: string; mention: Mention }
  | { kind: 'reply'; at: string; reply: Reply }
  | { kind: 'note'; at: string; note: Note };

/**
 * The customer's posts, our replies and internal notes in the order they happened. The sort
 * is stable, so entries with the same timestamp keep the order the API gave them.
 */
export function buildTimeline(
  detail: Pick<ConversationDetail, 'mentions' | 'replies' | 'notes'>,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...detail.mentions.map((mention) => ({
      kind: 'mention' as const,
      at: mention.postedAt,
      mention,
    })),
    ...detail.replies.map((reply) => ({ kind: 'reply' as const, at: reply.createdAt, reply })),
    ...detail.notes.map((note) => ({ kind: 'note' as const, at: note.createdAt, note })),
  ];
  return entries.sort((a, b) => timeOf(a.at) - timeOf(b.at));
}

// An unparsable date sorts last rather than scrambling the rest.
const timeOf = (iso: string) => {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? Number.MAX_SAFE_INTEGER : time;
};
