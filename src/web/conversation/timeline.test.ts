import { describe, expect, it } from 'vitest';
import type { ConversationEvent, Mention, Note, Reply } from '../../api/contract.ts';
import { buildTimeline, describeEvent } from './timeline.ts';

const mention = (id: string, postedAt: string): Mention => ({
  id,
  network: 'bluesky',
  externalId: id,
  text: id,
  author: { handle: 'a', displayName: null, followers: 1 },
  url: null,
  postedAt,
  isPrivate: false,
  fromBrand: false,
  language: 'en',
  triage: null,
  hidden: null,
  deletedAt: null,
  editedAt: null,
  edits: [],
  rating: null,
});
const reply = (id: string, createdAt: string): Reply => ({
  id,
  text: id,
  visibility: 'public',
  status: 'sent',
  error: null,
  authorId: 'u1',
  attempts: 1,
  createdAt,
  sentAt: createdAt,
  url: null,
  inReplyToMentionId: null,
});
const note = (id: string, createdAt: string): Note => ({ id, body: id, authorId: 'u1', createdAt });

describe('buildTimeline', () => {
  it('interleaves posts, replies and notes by time', () => {
    const timeline = buildTimeline({
      mentions: [mention('m1', '2026-01-01T10:00:00Z'), mention('m2', '2026-01-01T10:30:00Z')],
      replies: [reply('r1', '2026-01-01T10:20:00Z')],
      notes: [note('n1', '2026-01-01T10:10:00Z')],
    });
    expect(timeline.map((entry) => `${entry.kind}:${entry.at.slice(11, 16)}`)).toEqual([
      'mention:10:00',
      'note:10:10',
      'reply:10:20',
      'mention:10:30',
    ]);
  });

  it('keeps the API order for equal times and puts unreadable dates last', () => {
    const timeline = buildTimeline({
      mentions: [mention('bad', 'yesterday'), mention('m1', '2026-01-01T10:00:00Z')],
      replies: [reply('r1', '2026-01-01T10:00:00Z')],
      notes: [],
    });
    expect(timeline.map((entry) => entry.at)).toEqual([
      '2026-01-01T10:00:00Z',
      '2026-01-01T10:00:00Z',
      'yesterday',
    ]);
    expect(timeline[0]?.kind).toBe('mention');
  });
});

const event = (type: string, data: unknown, actorType = 'user'): ConversationEvent => ({
  id: type,
  type,
  actorType,
  actorId: actorType === 'user' ? 'u1' : null,
  createdAt: '2026-01-01T10:05:00Z',
  data,
});

describe('events in the thread', () => {
  const names = (id: string | null) => (id === 'u1' ? 'Ana' : id === 'u2' ? 'Ben' : 'someone');

  it('shows status changes and assignments between the messages, and nothing else', () => {
    const timeline = buildTimeline({
      mentions: [mention('m1', '2026-01-01T10:00:00Z')],
      replies: [],
      notes: [],
      events: [
        event('conversation.assigned', { from: null, to: 'u2' }),
        event('reply.sent', {}),
        event('mention.received', {}),
        event('mention.deleted', { mentionId: 'm1' }, 'customer'),
      ],
    });
    expect(timeline.map((entry) => entry.kind)).toEqual(['mention', 'event', 'event']);
  });

  it('says when the customer deleted or edited a post', () => {
    expect(describeEvent(event('mention.deleted', {}, 'customer'), names)).toBe(
      'The customer deleted a post on the network',
    );
    expect(describeEvent(event('mention.edited', {}, 'customer'), names)).toBe(
      'The customer edited a post on the network',
    );
  });

  it('names the team, the priority band and the tag of a change', () => {
    const teams = (id: string) => (id === 't1' ? 'Refunds' : 'another team');
    expect(describeEvent(event('conversation.team_changed', { to: 't1' }), names, teams)).toBe(
      'Ana moved this to Refunds',
    );
    expect(describeEvent(event('conversation.team_changed', { to: null }), names, teams)).toBe(
      'Ana took this off its team',
    );
    expect(describeEvent(event('conversation.priority_changed', { from: 20, to: 90 }), names)).toBe(
      'Ana set the priority to Urgent 90',
    );
    expect(describeEvent(event('conversation.tagged', { tag: 'vip' }), names)).toBe(
      'Ana tagged this “vip”',
    );
    expect(
      describeEvent(
        event('conversation.status_changed', { to: 'snoozed', until: 'not a date' }),
        names,
      ),
    ).toBe('Ana set the status to Snoozed');
  });

  it('says who did what in words', () => {
    expect(describeEvent(event('conversation.assigned', { to: 'u2' }), names)).toBe(
      'Ana assigned this to Ben',
    );
    expect(describeEvent(event('conversation.assigned', { to: 'u1' }), names)).toBe(
      'Ana took this conversation',
    );
    expect(describeEvent(event('conversation.assigned', { to: null }), names)).toBe(
      'Ana unassigned this',
    );
    expect(
      describeEvent(event('conversation.status_changed', { to: 'resolved' }, 'system'), names),
    ).toBe('Earshot set the status to Resolved');
    expect(describeEvent(event('conversation.status_changed', 'garbage', 'customer'), names)).toBe(
      'The customer: conversation.status_changed',
    );
  });
});
