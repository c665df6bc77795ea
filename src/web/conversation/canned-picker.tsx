import { useId, useState } from 'react';
import type { RenderedCanned } from '../../api/contract.ts';
import { renderCanned, useCannedChoices } from './conversation-extras-api.ts';

type CannedPickerProps = {
  workspaceId: string;
  conversationId: string;
  /** Receives the text rendered for this conversation. */
  onInsert: (text: string) => void;
};

/** Picks a canned response, renders it for this conversation and hands over its text. */
export function CannedPicker({ workspaceId, conversationId, onInsert }: CannedPickerProps) {
  const choices = useCannedChoices(workspaceId);
  const [chosen, setChosen] = useState('');
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<RenderedCanned | null>(null);
  const [error, setError] = useState('');
  const id = useId();
  const items = choices.data?.items ?? [];
  if (items.length === 0) return null;

  const insert = async () => {
    if (!chosen) return;
    setPending(true);
    setError('');
    try {
      const rendered = await renderCanned(workspaceId, chosen, conversationId);
      setResult(rendered);
      onInsert(rendered.text);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not render it.');
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="canned-picker">
      <label htmlFor={id}>Canned response</label>
      <select id={id} value={chosen} onChange={(event) => setChosen(event.target.value)}>
        <option value="">Choose…</option>
        {items.map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button--small"
        onClick={() => void insert()}
        disabled={!chosen || pending}
      >
        Insert
      </button>
      <span role="status" className={result && !result.length.fits ? 'form-error' : 'muted'}>
        {error ||
          (result
            ? result.length.fits
              ? `Inserted (${result.length.length}${result.length.limit === null ? '' : ` of ${result.length.limit}`} characters).`
              : `Inserted, but ${result.length.length} characters is over the ${result.length.limit} this network allows.`
            : '')}
      </span>
    </div>
  );
}
