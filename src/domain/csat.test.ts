import { describe, expect, it } from 'vitest';
import { isOnlyCsatAnswer, parseCsatScore } from './csat.ts';

describe('recognising a CSAT answer', () => {
  it.each([
    ['5', 5],
    ['  4. ', 4],
    ['3!', 3],
    ['5/5', 5],
    ['4 / 5', 4],
    ['2 out of 5', 2],
    ["I'd give it a 4", 4],
    ['I would rate you 5 stars', 5],
    ['rating: 3', 3],
    ['Gave it a four because the wait was long', 4],
    ['⭐⭐⭐⭐', 4],
    ['★★★★★ lovely crew', 5],
    ['five stars!!', 5],
    ['1 - nobody helped', 1],
    ['5, thanks so much', 5],
    ['Honestly 4/5, the refund took a while', 4],
  ])('reads %j as %i', (text, expected) => {
    expect(parseCsatScore(text)).toBe(expected);
  });

  it.each([
    'I called 5 times',
    'my flight is 3 hours late',
    '10/10 would fly again',
    '0',
    '6',
    'thanks, all sorted',
    'gave me 2 vouchers',
    'Flight 5 was fine',
    '⭐⭐⭐⭐⭐⭐',
    'I paid 45 dollars',
    '',
  ])('finds no rating in %j', (text) => {
    expect(parseCsatScore(text)).toBeNull();
  });

  it('gives up when a message names two different ratings', () => {
    expect(parseCsatScore('3 stars for the crew, 5/5 for the pilot')).toBeNull();
    expect(parseCsatScore('5/5, five stars')).toBe(5);
  });
});

describe('a message that is only the survey answer', () => {
  it.each([
    '5',
    '4/5 thanks',
    'Five stars, great service!',
    '⭐⭐⭐⭐⭐',
    "I'd give it a 4, thank you",
    '3 out of 5',
    '5!! thanks so much team',
  ])('%j is only a rating', (text) => {
    expect(isOnlyCsatAnswer(text)).toBe(true);
  });

  it.each([
    '5 but my order never came',
    '4/5 thanks. Can you also change my address?',
    '1 - nobody helped',
    'Honestly 4/5, the refund took a while',
    '5?',
    'thanks, all sorted',
    'I called 5 times',
  ])('%j says more than a rating (or none)', (text) => {
    expect(isOnlyCsatAnswer(text)).toBe(false);
  });
});
