import { describe, expect, it } from 'vitest';
import { eventSequence } from './event-sequence.ts';

describe("following a stream's event ids", () => {
  it('takes 1, 2, 3 as in order and says when a number was skipped, once', () => {
    const sequence = eventSequence();
    expect(['1', '2', '3'].map((id) => sequence.next(id))).toEqual([true, true, true]);
    expect(sequence.next('5')).toBe(false);
    expect(sequence.next('6')).toBe(true);
  });

  it('starts again from 1 on a new connection', () => {
    const sequence = eventSequence();
    sequence.next('1');
    sequence.next('2');
    expect(sequence.next('1')).toBe(false);
    sequence.restart();
    expect(sequence.next('1')).toBe(true);
  });

  it('takes an event without a numeric id as in order', () => {
    const sequence = eventSequence();
    expect(sequence.next('')).toBe(true);
    expect(sequence.next('abc')).toBe(true);
    expect(sequence.next('1')).toBe(true);
  });
});
