/**
 * A review's star rating as the site gave it (value on the site's scale) and as 1–5 stars, so
 * reviews from sites with different scales (Google's 1–5, a 1–10 score) sort, filter and average
 * together. Letter grades (A–F) are read as 5 down to 1 on a scale of 5.
 */
export interface ReviewRating {
  /** The review site, lower case: `google`, `yelp`, `trustpilot`… */
  site: string;
  /** 1 to 5. */
  stars: number;
  /** The site's own value (`4.5`, `8`). */
  value: number;
  /** The site's top value (`5`, `10`). */
  scale: number;
}

const grades: Record<string, number> = { A: 5, B: 4, C: 3, D: 2, E: 1, F: 1 };

/** 1–5 stars from a value on a scale; rounded half up, never below one star. */
export function starsOf(value: number, scale: number): number {
  return Math.min(5, Math.max(1, Math.round((value / scale) * 5)));
}

/**
 * A rating as a file or a site writes it — `4`, `4.5`, `4/5`, `8 out of 10`, `B+` — read on
 * `scale` unless the text names its own; or the reason it cannot be read.
 */
export function readRating(
  input: unknown,
  scale = 5,
): { value: number; scale: number; stars: number } | { reason: string } {
  if (!(Number.isFinite(scale) && scale > 0)) return { reason: 'rating scale must be above 0' };
  if (typeof input === 'number') return onScale(input, scale);
  if (typeof input !== 'string' || input.trim() === '') return { reason: 'is missing' };
  const text = input.trim();
  const grade = /^([A-F])[+-]?$/i.exec(text);
  if (grade) return onScale(grades[grade[1]!.toUpperCase()]!, 5);
  const match =
    /^(\d+(?:[.,]\d+)?)\s*(?:(?:\/|out of|of)\s*(\d+(?:[.,]\d+)?))?(?:\s*stars?)?$/i.exec(text);
  if (!match)
    return { reason: `must be a number from 1 to ${scale} (found "${text.slice(0, 20)}")` };
  const value = Number(match[1]!.replace(',', '.'));
  return onScale(value, match[2] ? Number(match[2].replace(',', '.')) : scale);
}

function onScale(value: number, scale: number) {
  if (!(Number.isFinite(value) && value > 0 && value <= scale))
    return { reason: `must be from 1 to ${scale}` };
  return { value, scale, stars: starsOf(value, scale) };
}

/** "★ 2/5" — the stars as text, for the inbox and the conversation. */
export function ratingLabel(stars: number): string {
  return `★ ${stars}/5`;
}
