import { describe, expect, it } from 'vitest';
import { networkName } from '../../domain/networks.ts';
import { priorityBand, priorityLabel, statusLabel } from './labels.ts';

describe('labels', () => {
  it('bands the 0..100 priority and keeps the number', () => {
    expect([0, 24, 25, 49, 50, 74, 75, 100].map(priorityBand)).toEqual([
      'low',
      'low',
      'normal',
      'normal',
      'high',
      'high',
      'urgent',
      'urgent',
    ]);
    expect(priorityLabel(81.6)).toBe('Urgent 82');
  });

  it('shows unknown networks and statuses as sent, never an inherited property', () => {
    expect(networkName('google_reviews')).toBe('Google reviews');
    expect(networkName('constructor')).toBe('constructor');
    expect(statusLabel('toString')).toBe('toString');
  });
});
