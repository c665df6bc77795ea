import { describe, expect, it } from 'vitest';
import { repairNavigatorLanguage, validLanguageTag } from './browser-locale.ts';

describe('validLanguageTag', () => {
  it('keeps valid tags and reads the language out of POSIX locale names', () => {
    expect(validLanguageTag('fr-CA')).toBe('fr-CA');
    expect(validLanguageTag('en-US@posix')).toBe('en-US');
    expect(validLanguageTag('de_DE.UTF-8')).toBe('de-DE');
    expect(validLanguageTag('pt_BR')).toBe('pt-BR');
  });

  it('falls back to en-US where no language can be read', () => {
    for (const reported of ['C', 'C.UTF-8', 'POSIX', '', undefined, '!!', 'en-US,en;q=0.5']) {
      const tag = validLanguageTag(reported);
      expect(tag).toBe('en-US');
      expect(() => new Intl.NumberFormat(tag)).not.toThrow();
    }
  });
});

describe('repairNavigatorLanguage', () => {
  const fakeNavigator = (language: string, languages: string[]) =>
    Object.create({ language, languages }) as Navigator;

  it('shadows an invalid language so Intl accepts it', () => {
    const nav = fakeNavigator('en-US@posix', ['en-US@posix', 'fr_FR']);
    expect(() => new Intl.NumberFormat(nav.language)).toThrow(RangeError);
    repairNavigatorLanguage(nav);
    expect(nav.language).toBe('en-US');
    expect(nav.languages).toEqual(['en-US', 'fr-FR']);
    expect(() => new Intl.NumberFormat(nav.language)).not.toThrow();
  });

  it('leaves a valid language alone', () => {
    const nav = fakeNavigator('nl-BE', ['nl-BE', 'en']);
    repairNavigatorLanguage(nav);
    expect(Object.getOwnPropertyNames(nav)).toEqual([]);
    expect(nav.language).toBe('nl-BE');
  });
});
