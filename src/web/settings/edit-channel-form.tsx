import { useState, type FormEvent } from 'react';
import { updateChannel } from '../api/settings-client.ts';
import { useSettingsChange } from '../api/settings-queries.ts';
import type { Channel } from '../../api/contract.ts';
import { connectableNetworks, type ConnectableNetwork } from '../../domain/networks.ts';
import { CredentialFieldList } from './connect-channel-form.tsx';

type Props = { workspaceId: string; channel: Channel; onDone(message: string): void };

const connectable = (network: string): network is ConnectableNetwork =>
  (connectableNetworks as readonly string[]).includes(network);

/**
 * Edits an account in place: its name, and new credentials (all of them; the network checks them
 * for the same account). Left empty, the stored credentials stay; they are never shown.
 */
export function EditChannelForm({ workspaceId, channel, onDone }: Props) {
  const [name, setName] = useState(channel.name);
  const [credentials, setCredentials] = useState('');
  const [invalid, setInvalid] = useState('');
  const save = useSettingsChange(workspaceId, (input: Parameters<typeof updateChannel>[2]) =>
    updateChannel(workspaceId, channel.id, input),
  );
  const id = `edit-channel-${channel.id}`;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    let parsed: Record<string, unknown> | undefined;
    if (credentials.trim()) {
      let value: unknown;
      try {
        value = JSON.parse(credentials);
      } catch {
        value = null;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        setInvalid('The credentials must be a JSON object, like the example.');
        return;
      }
      parsed = value as Record<string, unknown>;
    }
    setInvalid('');
    save.mutate(
      { name: name.trim(), ...(parsed ? { credentials: parsed } : {}) },
      { onSuccess: () => onDone(`${name.trim()}: saved.`) },
    );
  };
  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label={`Edit ${channel.name}`}>
      <div className="field">
        <label htmlFor={`${id}-name`}>Account name</label>
        <input
          id={`${id}-name`}
          required
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-credentials`}>New credentials (JSON)</label>
        <textarea
          id={`${id}-credentials`}
          rows={3}
          spellCheck={false}
          value={credentials}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setCredentials(event.target.value)}
        />
        <p id={`${id}-hint`} className="muted">
          Leave empty to keep the stored ones. New ones replace them whole, are checked with the
          network (for the same account) and restart listening.
        </p>
        {connectable(channel.network) ? <CredentialFieldList network={channel.network} /> : null}
      </div>
      <div className="settings-inline">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? 'Checking with the network…' : `Save ${channel.name}`}
        </button>
        <button type="button" className="button" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
      <p role="alert" className="form-error">
        {invalid || (save.error ? save.error.message : '')}
      </p>
    </form>
  );
}
