import { describe, expect, it } from 'vitest';
import {
  insertMention,
  matchMembers,
  mentionQueryAt,
  mentionSegments,
  mentionedUserIds,
} from './teammate-mentions.ts';

const ana = { userId: 'u-ana', name: 'Ana' };
const anaLopez = { userId: 'u-ana-lopez', name: 'Ana Lopez' };
const bo = { userId: 'u-bo', name: 'Bo Chen' };
const members = [ana, anaLopez, bo];

describe('mentionedUserIds', () => {
  it('finds each mentioned member once, in the order first mentioned', () => {
    expect(mentionedUserIds('@Bo Chen can you check? cc @ana and @bo chen again', members)).toEqual(
      ['u-bo', 'u-ana'],
    );
  });

  it('takes the longest name that fits, so "@Ana Lopez" is not Ana', () => {
    expect(mentionedUserIds('ask @Ana Lopez about refunds', members)).toEqual(['u-ana-lopez']);
  });

  it('needs a word boundary on both sides: emails and longer words are not mentions', () => {
    expect(mentionedUserIds('mail ana@example.test or @Anabel', members)).toEqual([]);
    expect(mentionedUserIds('(@Ana)', members)).toEqual(['u-ana']);
  });

  it('never mentions someone who is not in the member list', () => {
    expect(mentionedUserIds('@Mallory please look', members)).toEqual([]);
  });
});

describe('mentionSegments', () => {
  it('cuts the note into text and mentions, keeping every character', () => {
    const text = '<img src=x onerror=alert(1)> @Bo Chen!';
    const segments = mentionSegments(text, members);
    expect(segments).toEqual([
      { text: '<img src=x onerror=alert(1)> ', userId: null },
      { text: '@Bo Chen', userId: 'u-bo' },
      { text: '!', userId: null },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });
});

describe('the @ picker', () => {
  it('sees the query typed after an @ at the caret', () => {
    expect(mentionQueryAt('hi @an', 6)).toEqual({ start: 3, query: 'an' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('ask @Ana Lo', 11)).toEqual({ start: 4, query: 'Ana Lo' });
  });

  it('ignores an @ inside a word, across a line break, or far back', () => {
    expect(mentionQueryAt('ana@exa', 7)).toBeNull();
    expect(mentionQueryAt('@ana\nnext', 9)).toBeNull();
    expect(mentionQueryAt(`@${'x'.repeat(41)}`, 42)).toBeNull();
    expect(mentionQueryAt('no at sign', 5)).toBeNull();
  });

  it('offers members whose name or a word of it starts with the query', () => {
    expect(matchMembers(members, 'an').map((m) => m.userId)).toEqual(['u-ana', 'u-ana-lopez']);
    expect(matchMembers(members, 'lo').map((m) => m.userId)).toEqual(['u-ana-lopez']);
    expect(matchMembers(members, 'CHEN').map((m) => m.userId)).toEqual(['u-bo']);
    expect(matchMembers(members, '', 2)).toHaveLength(2);
  });

  it('replaces the query with the whole name and puts the caret after it', () => {
    expect(insertMention('hi @an please', 3, 6, 'Ana Lopez')).toEqual({
      text: 'hi @Ana Lopez please',
      caret: 14,
    });
  });
});
