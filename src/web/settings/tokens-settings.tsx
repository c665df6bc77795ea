import { useState } from 'react';
import { createToken, revokeToken } from '../api/settings-client.ts';
import { useSettingsChange, useTokens } from '../api/settings-queries.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { NameForm } from './settings-forms.tsx';
import { ChangeError } from './change-outcome.tsx';

/** Personal API tokens for scripts: the secret is shown once, right after it is made. */
export function TokensSettings() {
  const tokens = useTokens();
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const create = useSettingsChange('', createToken);
  const revoke = useSettingsChange('', revokeToken);
  const onCreate = (tokenName: string) => {
    create.mutate(tokenName, {
      onSuccess: (made) => {
        setSecret({ name: made.name, token: made.token });
        setName('');
      },
    });
  };
  const active = (tokens.data?.items ?? []).filter((token) => !token.revokedAt);
  return (
    <div className="settings-section">
      <h2>API tokens</h2>
      <p className="muted">
        Scripts send a token as <code>Authorization: Bearer …</code>. It acts as you, in every
        workspace you belong to.
      </p>
      <NameForm
        label="Create a token"
        fieldId="token-name"
        fieldLabel="Token name"
        maxLength={100}
        value={name}
        onChange={setName}
        submitLabel="Create token"
        pending={create.isPending}
        error={create.error}
        onSubmit={onCreate}
      />
      {secret ? (
        <div className="token-secret" role="status">
          <p>
            Copy the token <strong>{secret.name}</strong> now; it will not be shown again:
          </p>
          <code className="token-secret__value">{secret.token}</code>
        </div>
      ) : null}
      <table className="settings-table">
        <caption className="visually-hidden">Your API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {active.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                No tokens yet.
              </td>
            </tr>
          ) : null}
          {active.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>{formatAbsolute(token.createdAt)}</td>
              <td>{token.lastUsedAt ? formatAbsolute(token.lastUsedAt) : 'Never'}</td>
              <td>
                <button
                  type="button"
                  className="button"
                  onClick={() => revoke.mutate(token.id)}
                  disabled={revoke.isPending}
                  aria-label={`Revoke ${token.name}`}
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ChangeError error={revoke.error} />
    </div>
  );
}
