/**
 * Some browsers on Linux report the system's POSIX locale as their language ("en-US@posix", "C",
 * "de_DE.UTF-8"). That is not a BCP 47 tag, and Intl throws on it. uPlot 1.6.32 builds an
 * Intl.NumberFormat from navigator.language when its module loads (fixed upstream, not yet
 * released: leeoniya/uPlot#1054), so such a browser got a blank app. This module is imported first
 * by main.tsx and gives navigator a valid tag (the same language where one can be read).
 */

const fallbackTag = 'en-US';

function isValidTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** A valid BCP 47 tag for what a browser or system calls its language; `en-US` if none can be read. */
export function validLanguageTag(reported: string | undefined): string {
  // POSIX names: language_REGION.charset@modifier; "C" and "POSIX" mean no language ("POSIX"
  // even parses as a BCP 47 language subtag).
  const base = (reported ?? '').split('@')[0]!.split('.')[0]!.replaceAll('_', '-');
  if (base === '' || base === 'C' || base === 'POSIX') return fallbackTag;
  if (reported && isValidTag(reported)) return reported;
  return isValidTag(base) ? Intl.getCanonicalLocales(base)[0]! : fallbackTag;
}

/** Shadows navigator.language(s) with valid tags when the browser reports an invalid one. */
export function repairNavigatorLanguage(nav: Navigator): void {
  const languages = nav.languages?.length ? [...nav.languages] : [nav.language];
  const repaired = [...new Set(languages.map(validLanguageTag))];
  if (isValidTag(nav.language) && repaired.every((tag, i) => tag === languages[i])) return;
  Object.defineProperty(nav, 'language', {
    value: validLanguageTag(nav.language),
    configurable: true,
  });
  Object.defineProperty(nav, 'languages', { value: Object.freeze(repaired), configurable: true });
}

if (typeof navigator !== 'undefined') repairNavigatorLanguage(navigator);
