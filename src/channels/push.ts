import type { Mention } from '../domain/mention.ts';

/** A delivery a network pushed to an account's address (`/hooks/{account}`), as received. */
export interface PushedDelivery {
  /** The body's exact bytes: signatures are checked over these. */
  rawBody: Uint8Array;
  /** A request header, by its name in lower case. */
  header(name: string): string | undefined;
}

/** What a channel made of a pushed delivery, and what the sender is to be answered. */
export type PushReceipt =
  | {
      /** Not signed for this account (401), or the account takes no deliveries (404): nothing is kept. */
      accepted: false;
      status: 401 | 404;
      error: { code: string; message: string };
    }
  | {
      /** Signed by the account: stored before it is answered. */
      accepted: true;
      mentions: Mention[];
      /** What is kept as rejected records, with why: an unreadable body, another account's entries. */
      rejected: Array<{ body: unknown; reason: string }>;
      /** Kept, but the sender is told it was refused; without one, it hears what was stored. */
      refusal?: { status: 400 | 422; code: string; message: string; details?: unknown };
    };

/** A push subscription's handshake, answered with the challenge or refused with why. */
export type HandshakeAnswer = { ok: true; challenge: string } | { ok: false; reason: string };

/** A signed body that could not be read, kept whole as a rejected record (the bytes as text). */
export function unreadableDelivery(
  rawBody: Uint8Array,
  reason: string,
  refusal?: Extract<PushReceipt, { accepted: true }>['refusal'],
): PushReceipt {
  const receipt: PushReceipt = {
    accepted: true,
    mentions: [],
    rejected: [{ body: new TextDecoder().decode(rawBody), reason }],
  };
  return refusal ? { ...receipt, refusal } : receipt;
}

/** Neither signed nor read: the account has no secret to check a signature with. */
export const noDeliveries: PushReceipt = {
  accepted: false,
  status: 404,
  error: { code: 'channel_not_found', message: 'this account takes no deliveries' },
};
