import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { dryRun } from './routing-client.ts';
import { ChangeError } from './change-outcome.tsx';

/** Where would this text go? Triage labels it and the rules run; nothing is stored. */
export function RoutingDryRun({ workspaceId }: { workspaceId: string }) {
  const [text, setText] = useState('');
  const run = useMutation({ mutationFn: (input: string) => dryRun(workspaceId, input) });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    run.mutate(text);
  };
  const result = run.data;
  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label="Try the rules">
      <h3>Try the rules</h3>
      <div className="field">
        <label htmlFor="dry-run-text">A customer’s message</label>
        <textarea
          id="dry-run-text"
          required
          rows={3}
          maxLength={10_000}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={run.isPending}>
        Where would it go?
      </button>
      <p role="status" className="settings-outcome dry-run-outcome">
        {result
          ? `It would be ${result.decision.reason} (category ${result.labels.category ?? 'none'}, ` +
            `sentiment ${result.labels.sentiment ?? 'unknown'}, priority ${result.decision.priority}).`
          : ''}
      </p>
      <ChangeError error={run.error} />
    </form>
  );
}
