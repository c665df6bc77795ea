import { useState, type FormEvent } from 'react';
import { useSettingsChange } from '../api/settings-queries.ts';
import { UserText } from '../text/user-text.tsx';
import {
  createDestination,
  removeDestination,
  sendTestAlert,
  setDestinationEnabled,
  useAlertDestinations,
  type DestinationInput,
} from './alert-destinations-client.ts';
import { SettingsList } from './settings-list.tsx';
import { ChangeError } from './change-outcome.tsx';
import type { AlertDestination } from '../../api/contract.ts';

type Props = { workspaceId: string; canEdit: boolean };

/** Webhooks and email addresses every new alert is sent to, each with a "send test". */
export function AlertDestinations({ workspaceId, canEdit }: Props) {
  const destinations = useAlertDestinations(workspaceId, canEdit);
  const create = useSettingsChange(workspaceId, (input: DestinationInput) =>
    createDestination(workspaceId, input),
  );
  const [kind, setKind] = useState<DestinationInput['kind']>('webhook');
  const [target, setTarget] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = target.trim();
    const input: DestinationInput =
      kind === 'webhook' ? { kind, url: value } : { kind, address: value };
    create.mutate(input, { onSuccess: () => setTarget('') });
  };
  if (!canEdit) return <p>Only admins and owners see where alerts are sent.</p>;
  const items = destinations.data?.items ?? [];
  return (
    <SettingsList
      title="Alert destinations"
      intro={
        'Every new alert is sent to each enabled destination. Webhooks receive a JSON POST ' +
        'signed with X-Earshot-Signature.'
      }
      items={items}
      empty="No destinations yet."
      loaded={destinations.isSuccess}
      itemKey={(destination) => destination.id}
      renderItem={(destination) => (
        <DestinationCard workspaceId={workspaceId} destination={destination} />
      )}
      addForm={
        <form className="settings-form" onSubmit={submit} aria-label="Add a destination">
          <h3>Add a destination</h3>
          <div className="field">
            <label htmlFor="destination-kind">Kind</label>
            <select
              id="destination-kind"
              value={kind}
              onChange={(event) => setKind(event.target.value as DestinationInput['kind'])}
            >
              <option value="webhook">Webhook</option>
              <option value="email">Email</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="destination-target">
              {kind === 'webhook' ? 'Webhook URL' : 'Email address'}
            </label>
            <input
              id="destination-target"
              required
              type={kind === 'webhook' ? 'url' : 'email'}
              value={target}
              onChange={(event) => setTarget(event.target.value)}
            />
          </div>
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            Add destination
          </button>
          <p role="status" className="settings-outcome">
            {create.data?.secret
              ? `Signing secret (shown only now): ${create.data.secret}`
              : create.isSuccess
                ? 'Added.'
                : ''}
          </p>
          <ChangeError error={create.error} />
        </form>
      }
    />
  );
}

function DestinationCard({
  workspaceId,
  destination,
}: {
  workspaceId: string;
  destination: AlertDestination;
}) {
  const toggle = useSettingsChange(workspaceId, (enabled: boolean) =>
    setDestinationEnabled(workspaceId, destination.id, enabled),
  );
  const remove = useSettingsChange(workspaceId, () =>
    removeDestination(workspaceId, destination.id),
  );
  const test = useSettingsChange(workspaceId, () => sendTestAlert(workspaceId, destination.id));
  const label = destination.kind === 'webhook' ? 'Webhook' : 'Email';
  return (
    <>
      <h3>
        {label}: <UserText text={destination.target} />
      </h3>
      <p>{destination.enabled ? 'Enabled' : 'Switched off'}</p>
      <div className="button-row alert-destination__actions">
        <button type="button" className="button" onClick={() => test.mutate(undefined)}>
          Send test to {destination.target}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => toggle.mutate(!destination.enabled)}
        >
          {destination.enabled ? 'Switch off' : 'Switch on'} {destination.target}
        </button>
        <button type="button" className="button" onClick={() => remove.mutate(undefined)}>
          Remove {destination.target}
        </button>
      </div>
      <p role="status" className="settings-outcome">
        {test.isSuccess ? 'Test alert queued: see the Alerts page.' : ''}
      </p>
      <ChangeError error={test.error ?? toggle.error ?? remove.error} />
    </>
  );
}
