import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INTENT_CATEGORIES, INTENT_LABELS, SENTIMENT_LABELS } from './triage-labels.ts';

const shipped = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../models/${name}.json`, import.meta.url), 'utf8')) as {
    classes: string[];
    categories?: Record<string, string>;
  };

describe('triage labels', () => {
  it('lists exactly the intents and categories of the shipped intent model', () => {
    const intent = shipped('intent');
    expect(INTENT_LABELS.toSorted()).toEqual(intent.classes.toSorted());
    expect(INTENT_CATEGORIES).toEqual(intent.categories);
  });

  it('lists the sentiment model classes in order', () => {
    expect(SENTIMENT_LABELS).toEqual(shipped('sentiment').classes);
  });
});
