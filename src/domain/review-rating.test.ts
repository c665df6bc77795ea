import { describe, expect, it } from 'vitest';
import { readRating, starsOf } from './review-rating.ts';

describe('readRating', () => {
  it('reads numbers, fractions, "out of" and letter grades, keeping the site value and scale', () => {
    expect(readRating('4')).toEqual({ value: 4, scale: 5, stars: 4 });
    expect(readRating(' 4.5 ')).toEqual({ value: 4.5, scale: 5, stars: 5 });
    expect(readRating('4/5')).toEqual({ value: 4, scale: 5, stars: 4 });
    expect(readRating('8 out of 10')).toEqual({ value: 8, scale: 10, stars: 4 });
    expect(readRating('3', 10)).toEqual({ value: 3, scale: 10, stars: 2 });
    expect(readRating('1,5')).toEqual({ value: 1.5, scale: 5, stars: 2 });
    expect(readRating('B+')).toEqual({ value: 4, scale: 5, stars: 4 });
    expect(readRating('F')).toEqual({ value: 1, scale: 5, stars: 1 });
    expect(readRating(2)).toEqual({ value: 2, scale: 5, stars: 2 });
  });

  it('says why a rating cannot be read', () => {
    expect(readRating('6')).toEqual({ reason: 'must be from 1 to 5' });
    expect(readRating('0')).toEqual({ reason: 'must be from 1 to 5' });
    expect(readRating('great')).toMatchObject({ reason: expect.stringContaining('number') });
    expect(readRating('')).toEqual({ reason: 'is missing' });
    expect(readRating(undefined)).toEqual({ reason: 'is missing' });
    expect(readRating('4', 0)).toEqual({ reason: 'rating scale must be above 0' });
  });

  it('never gives fewer than one star or more than five', () => {
    expect(starsOf(0.1, 10)).toBe(1);
    expect(starsOf(10, 10)).toBe(5);
  });
});
