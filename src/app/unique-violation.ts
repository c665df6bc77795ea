/**
 * True when PostgreSQL refused a write for a unique index (SQLSTATE 23505): two admins saving the
 * same name at once, where the check before the write could not see the other's row yet.
 */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505'
  );
}
