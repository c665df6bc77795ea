/**
 * PostgreSQL text cannot hold U+0000, and a lone UTF-16 surrogate is not Unicode at all. Text
 * from the networks is stored with each replaced by U+FFFD (the replacement character), so a
 * post containing them is kept — visibly marked — instead of failing the whole batch.
 */
export function storableText(text: string): string {
  return text.includes('\u0000') || !text.isWellFormed()
    ? text.toWellFormed().replaceAll('\u0000', '\uFFFD')
    : text;
}

/** JSON for a jsonb column, with every string made storable. */
export function storableJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, item: unknown) =>
    typeof item === 'string' ? storableText(item) : item,
  );
}

/** True when text can be stored as it is: what the API insists on for what people type. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}
