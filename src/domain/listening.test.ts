import { describe, expect, it } from 'vitest';
import type { ListeningTerms } from './listening.ts';
import { foldTerm, hearsLanguage, matchTerms, noTerms } from './listening.ts';

const terms = (overrides: Partial<ListeningTerms>): ListeningTerms => ({
  ...noTerms,
  ...overrides,
});

describe('matchTerms', () => {
  it('matches keywords on word boundaries in any script and case', () => {
    const acme = terms({ keywords: ['Acme'] });
    expect(matchTerms("ACME's app crashed", acme)).toEqual(['keyword']);
    expect(matchTerms('love #acme', acme)).toEqual(['keyword']);
    expect(matchTerms('acmeville is far', acme)).toEqual([]);
    expect(matchTerms('superacme', acme)).toEqual([]);
    expect(matchTerms('café acme', terms({ keywords: ['café'] }))).toEqual(['keyword']);
    expect(matchTerms('cafés', terms({ keywords: ['café'] }))).toEqual([]);
    expect(matchTerms('東京acme', acme)).toEqual([]);
  });

  it('matches a phrase across any run of white space, and NFKC forms', () => {
    const northwind = terms({ keywords: ['Northwind Air'] });
    expect(matchTerms('flew Northwind\n  air today', northwind)).toEqual(['keyword']);
    expect(matchTerms('northwind airlines', northwind)).toEqual([]);
    // Fullwidth letters fold to ASCII under NFKC.
    expect(matchTerms('ＮＯＲＴＨＷＩＮＤ ＡＩＲ', northwind)).toEqual(['keyword']);
  });

  it('matches hashtags only with their #', () => {
    const tagged = terms({ hashtags: ['#AcmeFail'] });
    expect(matchTerms('again #acmefail!', tagged)).toEqual(['hashtag']);
    expect(matchTerms('acmefail', tagged)).toEqual([]);
    expect(matchTerms('#acmefailure', tagged)).toEqual([]);
  });

  it('matches handles as @-mentions, not inside e-mail addresses or longer handles', () => {
    const handle = terms({ handles: ['@acme', 'help.acme.com'] });
    expect(matchTerms('hey @ACME, help', handle)).toEqual(['handle']);
    expect(matchTerms('hey @acme.', handle)).toEqual(['handle']);
    expect(matchTerms('write to support@acme', handle)).toEqual([]);
    expect(matchTerms('@acme.example is not us', handle)).toEqual([]);
    expect(matchTerms('@acme-fans is not us', handle)).toEqual([]);
    expect(matchTerms('cc @help.acme.com', handle)).toEqual(['handle']);
  });

  it('reports each kind once, in order', () => {
    const all = terms({ keywords: ['acme'], hashtags: ['acme'], handles: ['acme'] });
    expect(matchTerms('@acme #acme acme', all)).toEqual(['keyword', 'hashtag', 'handle']);
  });

  it('hears nothing through text that names an exclusion', () => {
    const apple = terms({ keywords: ['apple'], exclusions: ['apple pie', 'crumble'] });
    expect(matchTerms('my Apple watch broke', apple)).toEqual(['keyword']);
    expect(matchTerms('baked an apple  pie', apple)).toEqual([]);
    expect(matchTerms('apple crumble', apple)).toEqual([]);
    expect(matchTerms('apple crumbles', apple)).toEqual(['keyword']);
  });

  it('hears only the listed languages, and every post whose language is not known', () => {
    const english = terms({ keywords: ['acme'], languages: ['en'] });
    expect(matchTerms('acme', english, 'en-GB')).toEqual(['keyword']);
    expect(matchTerms('acme', english, 'de')).toEqual([]);
    expect(matchTerms('acme', english, undefined)).toEqual(['keyword']);
    expect(hearsLanguage(noTerms, 'fr')).toBe(true);
  });

  it('ignores empty terms', () => {
    expect(
      matchTerms('anything', terms({ keywords: ['  '], hashtags: ['#'], handles: ['@'] })),
    ).toEqual([]);
    expect(foldTerm('  @Acme ', 'handle')).toBe('acme');
  });
});
