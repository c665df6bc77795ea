import { describe, expect, it } from 'vitest';
import { eventSequence } from './event-sequence.ts';

describe("following a stream's event ids", () => {
  it('takes numbers one after another as in order and says when a number was skipped, once', () => {
    const sequence = eventSequence();
    expect(['1', '2', '3'].map((id) => sequence.next(id))).toEqual([true, true, true]);
    expect(sequence.next('5')).toBe(false);
    expect(sequence.next('6')).toBe(true);
  });

  it("takes a connection's first id as where its numbers start, and starts again on a new one", () => {
    const sequence = eventSequence();
    expect(sequence.next('41')).toBe(true);
    expect(sequence.next('42')).toBe(true);
    expect(sequence.next('41')).toBe(false);
    sequence.restart();
    expect(sequence.next('7')).toBe(true);
    expect(sequence.next('9')).toBe(false);
  });

  it('takes an event without a numeric id as in order', () => {
    const sequence = eventSequence();
    expect(sequence.next('')).toBe(true);
    expect(sequence.next('abc')).toBe(true);
    expect(sequence.next('1')).toBe(true);
  });
});
