/**
 * Exponential backoff with "equal jitter" (half fixed, half random): attempt 1 waits 1–2 s,
 * attempt 2 waits 2–4 s, … capped at 10 minutes, so retries from many workers spread out.
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(10 * 60_000, 1000 * 2 ** Math.max(1, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
