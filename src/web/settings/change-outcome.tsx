/** A failed change, said where it happened. */
export function ChangeError({ error }: { error: Error | null }) {
  return (
    <p role="alert" className="form-error">
      {error ? error.message : ''}
    </p>
  );
}

/** "Saved." once a change went through, else the server's reason it did not. */
export function SaveOutcome({
  change,
}: {
  change: { isSuccess: boolean; isPending: boolean; error: Error | null };
}) {
  return (
    <>
      <p role="status" className="settings-outcome">
        {change.isSuccess && !change.isPending ? 'Saved.' : ''}
      </p>
      <ChangeError error={change.error} />
    </>
  );
}
