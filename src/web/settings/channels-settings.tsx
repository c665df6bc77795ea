import { useState } from 'react';
import { channelAction } from '../api/settings-client.ts';
import { useBrands, useChannels, useSettingsChange } from '../api/settings-queries.ts';
import type { Channel, ChannelCheck } from '../../api/contract.ts';
import { formatAbsolute, formatRelative } from '../text/format-time.ts';
import { networkName } from '../../domain/networks.ts';
import { useNow } from '../text/use-now.ts';
import { UserText } from '../text/user-text.tsx';
import { ConnectChannelForm } from './connect-channel-form.tsx';
import { ChangeError } from './change-outcome.tsx';
import { ChannelDelivery } from './channel-delivery.tsx';
import { EditChannelForm } from './edit-channel-form.tsx';

type Props = { workspaceId: string; canEdit: boolean };
type Action = 'test' | 'pause' | 'resume' | 'remove';

const statusLabels: Record<Channel['status'], string> = {
  active: 'Listening',
  paused: 'Paused',
  error: 'Error',
};

function formatLag(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/** What a test found: the credentials, then the listening connection where it was tried. */
function testOutcome(channel: Channel, check: ChannelCheck): string {
  if (check.error) return `${channel.name}: the network refused the credentials: ${check.error}`;
  if (check.listening && !check.listening.ok)
    return `${channel.name}: the credentials work, but listening failed: ${check.listening.error}`;
  if (check.listening)
    return `${channel.name}: the credentials work and listening heard the network.`;
  return check.ok
    ? `${channel.name}: the network accepted the credentials.`
    : `${channel.name}: the test failed.`;
}

/** Connected accounts with their health, and what an admin can do with each. */
export function ChannelsSettings({ workspaceId, canEdit }: Props) {
  const channels = useChannels(workspaceId);
  const brands = useBrands(workspaceId);
  const now = useNow();
  const [outcome, setOutcome] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const act = useSettingsChange(workspaceId, (input: { channel: Channel; action: Action }) =>
    channelAction(workspaceId, input.channel.id, input.action),
  );
  const run = (channel: Channel, action: Action) =>
    act.mutate(
      { channel, action },
      {
        onSuccess: (result) => {
          setConfirming(null);
          if (action === 'test') {
            const check = result as ChannelCheck;
            setOutcome(testOutcome(channel, check));
          } else setOutcome(`${channel.name}: ${action === 'remove' ? 'removed' : `${action}d`}.`);
        },
      },
    );
  const items = channels.data?.items ?? [];
  return (
    <div className="settings-section">
      <h2>Channels</h2>
      <p role="status" className="settings-outcome">
        {outcome}
      </p>
      <ChangeError error={act.error} />
      {items.length === 0 ? <p className="muted">No channel is connected yet.</p> : null}
      <ul className="settings-list">
        {items.map((channel) => (
          <li key={channel.id} className="settings-card channel-card">
            <h3>
              {channel.name} <span className="badge">{networkName(channel.network)}</span>{' '}
              <span className={`badge badge--channel-${channel.status}`}>
                {statusLabels[channel.status]}
              </span>
            </h3>
            <dl className="channel-health">
              <dt>Account</dt>
              <dd>{channel.handle ? <UserText text={channel.handle} /> : '—'}</dd>
              <dt>Last event</dt>
              <dd>
                {channel.lastEventAt ? (
                  <time dateTime={channel.lastEventAt} title={formatAbsolute(channel.lastEventAt)}>
                    {formatRelative(channel.lastEventAt, now)}
                  </time>
                ) : (
                  'None yet'
                )}
              </dd>
              <dt>Last heard</dt>
              <dd>
                {channel.lastHeardAt ? (
                  <time dateTime={channel.lastHeardAt} title={formatAbsolute(channel.lastHeardAt)}>
                    {formatRelative(channel.lastHeardAt, now)}
                  </time>
                ) : (
                  '—'
                )}
              </dd>
              <dt>Lag</dt>
              <dd>{formatLag(channel.lagSeconds)}</dd>
              <dt>Last error</dt>
              <dd>{channel.lastError ? <UserText text={channel.lastError} /> : 'None'}</dd>
            </dl>
            {canEdit ? <ChannelDelivery channel={channel} /> : null}
            {canEdit ? (
              <div className="settings-inline">
                <button type="button" className="button" onClick={() => run(channel, 'test')}>
                  Test {channel.name}
                </button>
                <button
                  type="button"
                  className="button"
                  aria-expanded={editing === channel.id}
                  onClick={() => setEditing(editing === channel.id ? null : channel.id)}
                >
                  Edit {channel.name}
                </button>
                {channel.status === 'paused' ? (
                  <button type="button" className="button" onClick={() => run(channel, 'resume')}>
                    Resume {channel.name}
                  </button>
                ) : (
                  <button type="button" className="button" onClick={() => run(channel, 'pause')}>
                    Pause {channel.name}
                  </button>
                )}
                {confirming === channel.id ? (
                  <button
                    type="button"
                    className="button button--danger"
                    onClick={() => run(channel, 'remove')}
                  >
                    Yes, remove {channel.name}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button"
                    onClick={() => setConfirming(channel.id)}
                  >
                    Remove {channel.name}
                  </button>
                )}
              </div>
            ) : null}
            {canEdit && editing === channel.id ? (
              <EditChannelForm
                workspaceId={workspaceId}
                channel={channel}
                onDone={(message) => {
                  setEditing(null);
                  if (message) setOutcome(message);
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        <ConnectChannelForm workspaceId={workspaceId} brands={brands.data?.items ?? []} />
      ) : null}
    </div>
  );
}
