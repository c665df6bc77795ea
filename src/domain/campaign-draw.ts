import { createHash } from 'node:crypto';
import type { LeaderboardEntry } from './campaign-leaderboard.ts';

/** How winners are picked: the top of the leaderboard, or a draw from a published seed. */
export type DrawMethod = 'most_shares' | 'random';

/** The winners, in order, and what anyone needs to repeat the pick. */
export interface DrawResult {
  method: DrawMethod;
  seed: string | null;
  /** The entrants' ids in the order the draw read them (sorted), one per entry. */
  entrantIds: string[];
  winnerIds: string[];
}

/** A hex digest: SHA-256 of the text. Deterministic, so anyone can recompute it. */
function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Picks `count` distinct winners. `most_shares`: the leaderboard's first `count` (its stated
 * tie-break decides ties). `random`: every entrant holds as many tickets as entries; the
 * tickets are sorted by author id, and ticket i's score is SHA-256(`seed:authorId:i`) where i
 * counts that author's tickets from 0; the lowest score wins, then the next lowest from a
 * person not yet drawn. With the seed published, anyone holding the entrant list repeats it.
 */
export function drawWinners(
  board: readonly LeaderboardEntry[],
  method: DrawMethod,
  count: number,
  seed: string | null,
): DrawResult {
  const wanted = Math.max(0, Math.floor(count));
  const entrantIds = board
    .flatMap((entry) => Array.from({ length: entry.entries }, () => entry.authorExternalId))
    .sort();
  if (method === 'most_shares') {
    return {
      method,
      seed: null,
      entrantIds,
      winnerIds: board.slice(0, wanted).map((entry) => entry.authorExternalId),
    };
  }
  if (seed === null || seed === '') throw new Error('a random draw needs a published seed');
  const ticketOf = new Map<string, number>();
  const tickets = entrantIds.map((id) => {
    const index = ticketOf.get(id) ?? 0;
    ticketOf.set(id, index + 1);
    return { id, score: sha256(`${seed}:${id}:${index}`) };
  });
  tickets.sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : 0));
  const winnerIds: string[] = [];
  for (const ticket of tickets) {
    if (winnerIds.length >= wanted) break;
    if (!winnerIds.includes(ticket.id)) winnerIds.push(ticket.id);
  }
  return { method, seed, entrantIds, winnerIds };
}
