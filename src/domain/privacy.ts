/**
 * What replaces a customer's words and name when they ask to be erased: says what happened and
 * when, so an agent reading an old thread knows the gap is deliberate, not lost data.
 */
export function erasureTombstone(erasedAt: Date): string {
  return `Erased at the customer's request on ${erasedAt.toISOString().slice(0, 10)}.`;
}

/**
 * The network id an erased identity (and its posts' author) keeps: unique, and matching no real
 * account, so the person's new posts start a new contact instead of joining the erased one.
 */
export function erasedExternalId(identityId: string): string {
  return `${erasedExternalIdPrefix}${identityId}`;
}

export const erasedExternalIdPrefix = 'erased:';

/** The handle an erased identity and its posts show. */
export const erasedHandle = 'erased';

/** The longest reason an owner may give for an erasure. */
export const erasureReasonMaxLength = 2000;
