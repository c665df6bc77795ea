/**
 * Follows a stream's event ids (1, 2, 3… from each connection, ADR 0012): `next` says whether an
 * event came in order, false when a number was skipped (an event was missed: refetch). An event
 * without a numeric id is taken as in order; `restart` on each new connection.
 */
export function eventSequence() {
  let expected = 1;
  return {
    next(lastEventId: string): boolean {
      const id = Number(lastEventId);
      if (lastEventId === '' || !Number.isInteger(id) || id < 1) return true;
      const inOrder = id === expected;
      expected = id + 1;
      return inOrder;
    },
    restart() {
      expected = 1;
    },
  };
}
