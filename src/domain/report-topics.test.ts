import { describe, expect, it } from 'vitest';
import { risingTopics, topicWords, topicsOf } from './report-topics.ts';

describe('topic words', () => {
  it('drops links, handles, numbers, short and stop words', () => {
    expect(topicWords('@acme your app is BROKEN again!! https://x.co/1 since 2024 #fail')).toEqual([
      'app',
      'broken',
      'since',
    ]);
  });

  it('keeps letters of every script, trims apostrophes and a final ’s, drops digits only', () => {
    expect(
      topicWords(
        "The company's 'refund' isn't back 😡😡 ٣٤٥ 2nd-class Ελλάδα не работает 配送が遅い Straße",
      ),
    ).toEqual([
      'company',
      'refund',
      "isn't",
      'back',
      '2nd',
      'class',
      'ελλάδα',
      'работает',
      '配送が遅い',
      'straße',
    ]);
  });

  it('drops a handle or hashtag up to the next space, and a link inside a word', () => {
    expect(
      topicWords('mail bob@acme.com today, #refund-please seehttps://x.co/a@b order#12 ok'),
    ).toEqual(['mail', 'bob', 'today', 'see', 'order']);
  });

  it('splits words as the former regular expressions did', () => {
    // The tokenizer before the one-pass scanner (issue 7), kept as the reference.
    const reference = (text: string) =>
      text
        .toLowerCase()
        .replace(/https?:\/\/\S+/g, ' ')
        .replace(/[@#]\S+/g, ' ')
        .split(/[^\p{L}\p{N}']+/u)
        .map((word) => word.replace(/^'+|'+$/g, '').replace(/'s$/, ''))
        .filter((word) => word.length >= 3 && !/^\p{N}+$/u.test(word));
    // No stop word among the pieces, so the reference need not know them.
    const pieces = [
      "don't",
      "company's",
      "'quoted'",
      "''s",
      "abc''s",
      '2024',
      '٣٤٥',
      '½',
      '😡',
      '👍🏽',
      '𝐁𝐨𝐥𝐝',
      '𠜎𠜱',
      'https://t.co/abc',
      'seehttps://x.co/a',
      'http://a@b',
      '@support',
      'a@b.com',
      '#fail',
      'x#y',
      '@ #',
      'Ça',
      'İstanbul',
      'не',
      'работает',
      '配送が遅い',
      'नमस्ते',
      'مرحبا',
      'Straße',
      'ΣΟΦΊΑ',
      'login',
      'fails',
      'app',
      ',',
      '.',
      '!!',
      "'",
      '’s',
      'café',
      'e\u0301t\u00e9',
      '\u00a0',
      '\u2003',
      '\n',
      '\t',
      'x',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 2000; round += 1) {
      let text = '';
      for (let piece = 0; piece < 1 + next() * 12; piece += 1)
        text += pieces[Math.floor(next() * pieces.length)]! + (next() < 0.3 ? '' : ' ');
      expect(topicWords(text), text).toEqual(reference(text));
    }
  });

  it('adds two-word phrases of neighbouring words, each once per text', () => {
    expect([...topicsOf('Refund delayed, refund delayed')]).toEqual([
      'refund',
      'delayed',
      'refund delayed',
      'delayed refund',
    ]);
  });
});

describe('rising topics', () => {
  it('ranks the largest rise against the previous period first', () => {
    const current = [
      'Login fails every time',
      'login fails on android',
      'Login fails again',
      'billing page slow',
      'billing page slow today',
    ];
    const previous = ['billing page slow', 'billing page slow again', 'login works'];
    const topics = risingTopics(current, previous);
    expect(topics.slice(0, 2)).toEqual([
      { topic: 'fails', current: 3, previous: 0, rise: 3 },
      { topic: 'login fails', current: 3, previous: 0, rise: 3 },
    ]);
    expect(topics.find((topic) => topic.topic === 'login')).toEqual({
      topic: 'login',
      current: 3,
      previous: 1,
      rise: 2,
    });
    expect(topics.some((topic) => topic.topic.startsWith('billing'))).toBe(false);
    expect(topics.some((topic) => topic.topic === 'android')).toBe(false); // once only
  });

  it('tells a phrase from its words reversed, and counts each in the texts that have it', () => {
    const current = ['refund delayed', 'delayed refund', 'refund delayed twice'];
    expect(risingTopics(current, ['delayed'])).toEqual([
      { topic: 'refund', current: 3, previous: 0, rise: 3 },
      { topic: 'delayed', current: 3, previous: 1, rise: 2 },
      { topic: 'refund delayed', current: 2, previous: 0, rise: 2 },
    ]);
  });

  it('keeps the first of many rising topics, for any limit, as a full count and sort would', () => {
    const vocabulary = ['parcel', 'lost', 'refund', 'late', 'login', 'broken', 'support', 'rude'];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const texts = (count: number) =>
      Array.from({ length: count }, () =>
        Array.from({ length: 2 + Math.floor(next() * 6) }, () => {
          return vocabulary[Math.floor(next() * vocabulary.length)];
        }).join(' '),
      );
    const current = texts(300);
    const previous = texts(200);
    const counts = (list: string[]) => {
      const found = new Map<string, number>();
      for (const text of list)
        for (const topic of topicsOf(text)) found.set(topic, (found.get(topic) ?? 0) + 1);
      return found;
    };
    const before = counts(previous);
    const expected = [...counts(current)]
      .map(([topic, count]) => {
        const earlier = before.get(topic) ?? 0;
        return { topic, current: count, previous: earlier, rise: count - earlier };
      })
      .filter((topic) => topic.current >= 2 && topic.rise > 0)
      .sort((a, b) => b.rise - a.rise || b.current - a.current || (a.topic < b.topic ? -1 : 1));
    // A tie met later that sorts first by name still takes the place.
    expect(risingTopics(['zeta', 'zeta', 'alpha', 'alpha'], [], { limit: 1 })).toEqual([
      { topic: 'alpha', current: 2, previous: 0, rise: 2 },
    ]);
    expect(expected.length).toBeGreaterThan(25);
    for (let limit = 1; limit <= expected.length; limit += 1)
      expect(risingTopics(current, previous, { limit })).toEqual(expected.slice(0, limit));
  });
});
