/**
 * Follows a stream's event ids (each one more than the last, ADR 0012): `next` says whether an
 * event came in order, false when a number was skipped (an event was missed: refetch). The first
 * event of a connection sets where its numbers start (what came before it, the refetch on
 * connecting covers); an event without a numeric id is taken as in order; `restart` on each new
 * connection.
 */
export function eventSequence() {
  let expected: number | undefined;
  return {
    next(lastEventId: string): boolean {
      const id = Number(lastEventId);
      if (lastEventId === '' || !Number.isInteger(id) || id < 1) return true;
      const inOrder = expected === undefined || id === expected;
      expected = id + 1;
      return inOrder;
    },
    restart() {
      expected = undefined;
    },
  };
}
