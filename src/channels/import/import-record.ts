import type { Mention } from '../../domain/mention.ts';

/** A row that could not become a Mention: kept with its reason, never dropped silently. */
interface RejectedRecord {
  /** 1-based line in the file where the record starts. */
  line: number;
  reason: string;
}

/** What a file import yields for each record, in file order. */
export type ImportRecord =
  { kind: 'mention'; line: number; mention: Mention } | ({ kind: 'rejected' } & RejectedRecord);
