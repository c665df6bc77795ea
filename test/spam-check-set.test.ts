import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectSpam } from '../src/triage/spam.ts';

// The team's labelled spam check set (scripts/train/check-sets/spam.tsv; figures in
// models/spam.md). The rules may miss spam, but must never hide a real customer.
const checks = readFileSync(
  new URL('../scripts/train/check-sets/spam.tsv', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [label, kind, ...text] = line.split('\t');
    return { spam: label === 'spam', kind, text: text.join('\t') };
  });

describe('the spam check set', () => {
  it('holds every kind the rules are judged on', () => {
    const kinds = new Set(checks.map((c) => c.kind));
    for (const kind of ['crypto', 'promo', 'linkbait', 'f4f', 'recovery', 'loud', 'ordinary'])
      expect(kinds).toContain(kind);
  });

  it('hides no real customer, however loud', () => {
    const hidden = checks.filter((c) => !c.spam && detectSpam({ text: c.text }).spam);
    expect(hidden.map((c) => c.text)).toEqual([]);
  });

  it('catches the crypto scam of the issue, with its reasons', () => {
    const verdict = detectSpam({ text: 'WIN FREE CRYPTO click here bit.ly/xyz' });
    expect(verdict.spam).toBe(true);
    expect(verdict.reasons).toEqual(
      expect.arrayContaining(['link shortener (bit.ly)', 'prize or free-money bait']),
    );
  });

  it('catches at least nine in ten of the spam posts', () => {
    const spam = checks.filter((c) => c.spam);
    const caught = spam.filter((c) => detectSpam({ text: c.text }).spam);
    expect(caught.length / spam.length).toBeGreaterThanOrEqual(0.9);
  });
});
