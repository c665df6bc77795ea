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
});
