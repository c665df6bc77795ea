import { useState, type FormEvent } from 'react';
import { connectChannel } from '../api/settings-client.ts';
import { useSettingsChange } from '../api/settings-queries.ts';
import type { Brand } from '../../api/contract.ts';
import {
  connectableNetworks,
  credentialFields,
  credentialsExample,
  networkName,
  type ConnectableNetwork,
} from '../../domain/networks.ts';

type Props = { workspaceId: string; brands: Brand[] };

/** Connects an account: the network's credentials go to the server, which checks them there. */
export function ConnectChannelForm({ workspaceId, brands }: Props) {
  const [network, setNetwork] = useState<ConnectableNetwork>('webhook');
  const [brandId, setBrandId] = useState('');
  const [name, setName] = useState('');
  const [credentials, setCredentials] = useState('');
  const [invalid, setInvalid] = useState('');
  const connect = useSettingsChange(workspaceId, (input: Parameters<typeof connectChannel>[1]) =>
    connectChannel(workspaceId, input),
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(credentials);
    } catch {
      parsed = null;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setInvalid('The credentials must be a JSON object, like the example.');
      return;
    }
    setInvalid('');
    connect.mutate(
      {
        network,
        brandId: brandId || brands[0]?.id || '',
        name: name.trim(),
        credentials: parsed as Record<string, unknown>,
      },
      {
        onSuccess: () => {
          setName('');
          setCredentials('');
        },
      },
    );
  };
  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label="Connect a channel">
      <h3>Connect an account</h3>
      <div className="field">
        <label htmlFor="channel-network">Network</label>
        <select
          id="channel-network"
          value={network}
          onChange={(event) => setNetwork(event.target.value as ConnectableNetwork)}
        >
          {connectableNetworks.map((option) => (
            <option key={option} value={option}>
              {networkName(option)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="channel-brand">Brand</label>
        <select
          id="channel-brand"
          value={brandId}
          onChange={(event) => setBrandId(event.target.value)}
        >
          {brands.map((brand) => (
            <option key={brand.id} value={brand.id}>
              {brand.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="channel-name">Account name</label>
        <input
          id="channel-name"
          required
          maxLength={200}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="channel-credentials">Credentials (JSON)</label>
        <textarea
          id="channel-credentials"
          rows={3}
          required
          spellCheck={false}
          value={credentials}
          placeholder={credentialsExample(network)}
          aria-describedby="channel-credentials-hint"
          onChange={(event) => setCredentials(event.target.value)}
        />
        <p id="channel-credentials-hint" className="muted">
          For {networkName(network)}: <code>{credentialsExample(network)}</code>. Stored encrypted;
          never shown again.
        </p>
        <CredentialFieldList network={network} />
      </div>
      <button type="submit" className="button button--primary" disabled={connect.isPending}>
        {connect.isPending ? 'Checking with the network…' : 'Connect'}
      </button>
      <p role="alert" className="form-error">
        {invalid || (connect.error ? connect.error.message : '')}
      </p>
    </form>
  );
}

/**
 * Every field the network's credentials take, with what it is for: the self-hosted servers
 * (Bluesky PDS, relay and PLC directory; a Mastodon instance) are named here.
 */
export function CredentialFieldList({ network }: { network: ConnectableNetwork }) {
  const fields = credentialFields(network);
  if (fields.length === 0) return null;
  return (
    <details className="credential-fields">
      <summary>Every {networkName(network)} credential field</summary>
      <dl>
        {fields.map((field) => (
          <div key={field.name}>
            <dt>
              <code>{field.name}</code> — {field.label}
              {'optional' in field && field.optional ? ' (optional)' : ''}
            </dt>
            <dd>{field.help}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
