import { v7 } from 'uuid';

/** A new row id: UUIDv7, time-ordered so inserts stay at the right edge of the index. */
export function newId(): string {
  return v7();
}
