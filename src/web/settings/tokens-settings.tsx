import { useState } from 'react';
import type { ApiToken, Role, TokenScope } from '../../api/contract.ts';
import { createToken, revokeToken, revokeWorkspaceToken } from '../api/settings-client.ts';
import { useSettingsChange, useTokens, useWorkspaceTokens } from '../api/settings-queries.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { NameForm } from './settings-forms.tsx';
import { ChangeError } from './change-outcome.tsx';

const scopeLabels: Record<TokenScope, string> = {
  read: 'Read only',
  agent: 'Agent: read and answer',
  admin: 'Admin: also change settings',
};

/** The scopes a role may give its tokens: never more than the role itself. */
function scopesFor(role: Role): TokenScope[] {
  if (role === 'admin' || role === 'owner') return ['read', 'agent', 'admin'];
  if (role === 'agent') return ['read', 'agent'];
  return ['read'];
}

const lifetimes = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: 'One year' },
  { days: 0, label: 'Until revoked' },
];

const expiresAtAfter = (days: number) =>
  days === 0 ? null : new Date(Date.now() + days * 86_400_000).toISOString();

type Props = { workspaceId: string; role: Role; canEdit: boolean };

/**
 * Personal API tokens for scripts, each with a scope and a lifetime; the secret is shown once,
 * right after it is made. Admins also see and revoke every member's tokens in the workspace.
 */
export function TokensSettings({ workspaceId, role, canEdit }: Props) {
  const tokens = useTokens();
  const scopes = scopesFor(role);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>(scopes.at(-1)!);
  const [lifetime, setLifetime] = useState(90);
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const create = useSettingsChange(workspaceId, createToken);
  const revoke = useSettingsChange(workspaceId, revokeToken);
  const onCreate = (tokenName: string) => {
    create.mutate(
      { name: tokenName, scope, expiresAt: expiresAtAfter(lifetime) },
      {
        onSuccess: (made) => {
          setSecret({ name: made.name, token: made.token });
          setName('');
        },
      },
    );
  };
  const active = (tokens.data?.items ?? []).filter((token) => !token.revokedAt);
  return (
    <>
      <div className="settings-section">
        <h2>API tokens</h2>
        <p className="muted">
          Scripts send a token as <code>Authorization: Bearer …</code>. It acts as you, in every
          workspace you belong to, within its scope.
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
        >
          <div className="field">
            <label htmlFor="token-scope">Scope</label>
            <select
              id="token-scope"
              value={scope}
              onChange={(event) => setScope(event.target.value as TokenScope)}
            >
              {scopes.map((option) => (
                <option key={option} value={option}>
                  {scopeLabels[option]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="token-lifetime">Expires after</label>
            <select
              id="token-lifetime"
              value={lifetime}
              onChange={(event) => setLifetime(Number(event.target.value))}
            >
              {lifetimes.map((option) => (
                <option key={option.days} value={option.days}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        </NameForm>
        {secret ? (
          <div className="token-secret" role="status">
            <p>
              Copy the token <strong>{secret.name}</strong> now; it will not be shown again:
            </p>
            <code className="token-secret__value">{secret.token}</code>
          </div>
        ) : null}
        <TokenTable
          caption="Your API tokens"
          tokens={active}
          pending={revoke.isPending}
          onRevoke={(token) => revoke.mutate(token.id)}
        />
        <ChangeError error={revoke.error} />
      </div>
      {canEdit ? <WorkspaceTokens workspaceId={workspaceId} /> : null}
    </>
  );
}

/** Every member's live tokens in this workspace, for an admin to revoke one that should end. */
function WorkspaceTokens({ workspaceId }: { workspaceId: string }) {
  const tokens = useWorkspaceTokens(workspaceId, true);
  const revoke = useSettingsChange(workspaceId, (id: string) =>
    revokeWorkspaceToken(workspaceId, id),
  );
  const active = (tokens.data?.items ?? []).filter((token) => !token.revokedAt);
  return (
    <div className="settings-section">
      <h2>Members' tokens</h2>
      <TokenTable
        caption="Every member's API tokens"
        tokens={active}
        owner={(token) => token.user.name}
        pending={revoke.isPending}
        onRevoke={(token) => revoke.mutate(token.id)}
      />
      <ChangeError error={revoke.error} />
    </div>
  );
}

type TokenTableProps<Token extends ApiToken> = {
  caption: string;
  tokens: Token[];
  /** Whose the token is, when the table lists several people's. */
  owner?: (token: Token) => string;
  pending: boolean;
  onRevoke: (token: Token) => void;
};

function TokenTable<Token extends ApiToken>({
  caption,
  tokens,
  owner,
  pending,
  onRevoke,
}: TokenTableProps<Token>) {
  const columns = owner ? 7 : 6;
  return (
    <table className="settings-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          {owner ? <th scope="col">Member</th> : null}
          <th scope="col">Scope</th>
          <th scope="col">Created</th>
          <th scope="col">Expires</th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.length === 0 ? (
          <tr>
            <td colSpan={columns} className="muted">
              No tokens yet.
            </td>
          </tr>
        ) : null}
        {tokens.map((token) => (
          <tr key={token.id}>
            <td>{token.name}</td>
            {owner ? <td>{owner(token)}</td> : null}
            <td>{scopeLabels[token.scope]}</td>
            <td>{formatAbsolute(token.createdAt)}</td>
            <td>{token.expiresAt ? formatAbsolute(token.expiresAt) : 'Never'}</td>
            <td>{token.lastUsedAt ? formatAbsolute(token.lastUsedAt) : 'Never'}</td>
            <td>
              <button
                type="button"
                className="button"
                onClick={() => onRevoke(token)}
                disabled={pending}
                aria-label={`Revoke ${token.name}${owner ? ` of ${owner(token)}` : ''}`}
              >
                Revoke
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
