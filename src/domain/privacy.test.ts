import { describe, expect, it } from 'vitest';
import { erasedExternalId, erasureTombstone } from './privacy.ts';

describe('erasure tombstone', () => {
  it("says the text was erased at the customer's request, with the day", () => {
    expect(erasureTombstone(new Date('2026-12-07T23:59:00Z'))).toBe(
      "Erased at the customer's request on 2026-12-07.",
    );
  });

  it('gives an erased identity an id no network account has', () => {
    expect(erasedExternalId('0b0c')).toBe('erased:0b0c');
  });
});
