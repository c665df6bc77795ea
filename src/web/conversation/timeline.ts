import type {
  ConversationDetail,
  ConversationEvent,
  Mention,
  Note,
  Reply,
} from '../../api/contract.ts';
import { priorityLabel, statusLabel } from '../text/labels.ts';

/** One line of the thread; `key` is unique across kinds. */
type TimelineEntry = { key: string; at: string } & (
  | { kind: 'mention'; at: string; mention: Mention }
  | { kind: 'reply'; at: string; reply: Reply }
  | { kind: 'note'; at: string; note: Note }
  | { kind: 'event'; at: string; event: ConversationEvent }
);

/** Events worth a line in the thread; the rest (a reply sent, a mention received) show themselves. */
const shownEvents = new Set([
  'conversation.status_changed',
  'conversation.assigned',
  'mention.deleted',
  'mention.edited',
  'conversation.answered_elsewhere',
  'conversation.team_changed',
  'conversation.priority_changed',
  'conversation.tagged',
  'conversation.untagged',
]);

/**
 * The customer's posts, our replies and internal notes in the order they happened. The sort
 * is stable, so entries with the same timestamp keep the order the API gave them.
 */
export function buildTimeline(
  detail: Pick<ConversationDetail, 'mentions' | 'replies' | 'notes'> &
    Partial<Pick<ConversationDetail, 'events'>>,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...detail.mentions.map((mention) => ({
      key: `mention:${mention.id}`,
      kind: 'mention' as const,
      at: mention.postedAt,
      mention,
    })),
    ...detail.replies.map((reply) => ({
      key: `reply:${reply.id}`,
      kind: 'reply' as const,
      at: reply.createdAt,
      reply,
    })),
    ...detail.notes.map((note) => ({
      key: `note:${note.id}`,
      kind: 'note' as const,
      at: note.createdAt,
      note,
    })),
    ...(detail.events ?? [])
      .filter((event) => shownEvents.has(event.type))
      .map((event) => ({
        key: `event:${event.id}`,
        kind: 'event' as const,
        at: event.createdAt,
        event,
      })),
  ];
  return entries.sort((a, b) => timeOf(a.at) - timeOf(b.at));
}

// An unparsable date sorts last rather than scrambling the rest.
const timeOf = (iso: string) => {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? Number.MAX_SAFE_INTEGER : time;
};

/** "Ana resolved this", "Earshot assigned this to Ben": one line for a change of state. */
export function describeEvent(
  event: ConversationEvent,
  nameOf: (userId: string | null) => string,
  teamNameOf: (teamId: string) => string = () => 'another team',
): string {
  const actor =
    event.actorType === 'system'
      ? 'Earshot'
      : event.actorType === 'customer'
        ? 'The customer'
        : nameOf(event.actorId);
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<
    string,
    unknown
  >;
  const to = typeof data.to === 'string' ? data.to : null;
  if (event.type === 'conversation.assigned') {
    if (to && to === event.actorId) return `${actor} took this conversation`;
    return to ? `${actor} assigned this to ${nameOf(to)}` : `${actor} unassigned this`;
  }
  if (event.type === 'conversation.answered_elsewhere') {
    if (typeof data.reply === 'string' && data.reply)
      return `${actor} answered on the site: “${data.reply}”`;
    const note = typeof data.note === 'string' && data.note ? `: ${data.note}` : '';
    return `${actor} marked this answered elsewhere${note}`;
  }
  if (event.type === 'conversation.status_changed' && to) {
    const until = typeof data.until === 'string' ? new Date(data.until) : null;
    if (to === 'snoozed' && until && !Number.isNaN(until.getTime()))
      return `${actor} snoozed this until ${until.toLocaleString()}`;
    return `${actor} set the status to ${statusLabel(to)}`;
  }
  if (event.type === 'conversation.team_changed')
    return to ? `${actor} moved this to ${teamNameOf(to)}` : `${actor} took this off its team`;
  if (event.type === 'conversation.priority_changed' && typeof data.to === 'number')
    return `${actor} set the priority to ${priorityLabel(data.to)}`;
  if (
    (event.type === 'conversation.tagged' || event.type === 'conversation.untagged') &&
    typeof data.tag === 'string'
  )
    return `${actor} ${event.type === 'conversation.tagged' ? 'tagged' : 'untagged'} this “${data.tag}”`;
  // The post itself carries the mark; this line says when it happened, among the rest.
  if (event.type === 'mention.deleted') return `${actor} deleted a post on the network`;
  if (event.type === 'mention.edited') return `${actor} edited a post on the network`;
  return `${actor}: ${event.type}`;
}
