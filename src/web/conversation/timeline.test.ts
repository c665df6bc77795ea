import { describe, expect, it } from 'vitest';
import type { Mention, Note, Reply } from '../api/types.ts';
import { buildTimeline } from './timeline.ts';

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
