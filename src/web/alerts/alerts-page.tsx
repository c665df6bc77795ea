import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { useBrands } from '../api/settings-queries.ts';
import { useDocumentTitle } from '../shell/status-message.tsx';
import { formatAbsolute, formatRelative } from '../text/format-time.ts';
import { useNow } from '../text/use-now.ts';
import { UserText } from '../text/user-text.tsx';
import { useAcknowledge, useAlerts } from './alerts-client.ts';
import type { Alert } from '../../api/contract.ts';

const kindLabels: Record<Alert['kind'], string> = {
  spike: 'Negative spike',
  viral: 'Viral post',
  sla_breach: 'SLA breach',
  test: 'Test',
  channel_error: 'Channel not listening',
};

/** Every alert, newest first; an agent acknowledges what they have looked at. */
export function AlertsPage({ workspaceId, canAcknowledge }: Props) {
  useDocumentTitle('Alerts');
  const alerts = useAlerts(workspaceId);
  const acknowledge = useAcknowledge(workspaceId);
  const items = alerts.data?.items ?? [];
  const now = useNow();
  const when = (iso: string) => (
    <time dateTime={iso} title={formatAbsolute(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
  const brands = new Map((useBrands(workspaceId).data?.items ?? []).map((b) => [b.id, b.name]));
  return (
    <section className="settings alerts" aria-labelledby="page-title">
      <h1 id="page-title">Alerts</h1>
      <p className="muted">Spikes of negative mentions, posts spreading fast and missed SLAs.</p>
      {alerts.isError ? (
        <p role="alert" className="form-error">
          The alerts did not load: {alerts.error.message}
        </p>
      ) : null}
      {/* A phone scrolls the table sideways; the region takes the keyboard for it. */}
      <div className="table-scroll" role="region" aria-label="Alerts" tabIndex={0}>
        <table className="settings-table alerts-list">
          <caption className="visually-hidden">Alerts, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">What</th>
              <th scope="col">Brand</th>
              <th scope="col">Conversation</th>
              <th scope="col">Acknowledged</th>
            </tr>
          </thead>
          <tbody>
            {items.map((alert) => (
              <tr key={alert.id} className={alert.acknowledgedAt ? undefined : 'alert--open'}>
                <td>{when(alert.createdAt)}</td>
                <td>{kindLabels[alert.kind]}</td>
                <td>
                  <UserText text={alert.summary} />
                </td>
                <td>
                  {alert.brandId && brands.has(alert.brandId) ? (
                    <Link href={paths.settings(workspaceId, 'brands')}>
                      <UserText text={brands.get(alert.brandId)!} />
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {alert.conversationId ? (
                    <Link href={paths.conversation(workspaceId, alert.conversationId)}>Open</Link>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {alert.acknowledgedAt ? (
                    when(alert.acknowledgedAt)
                  ) : canAcknowledge ? (
                    <button
                      type="button"
                      className="button"
                      disabled={acknowledge.isPending}
                      onClick={() => acknowledge.mutate(alert.id)}
                    >
                      Acknowledge
                    </button>
                  ) : (
                    'Not yet'
                  )}
                </td>
              </tr>
            ))}
            {alerts.isSuccess && items.length === 0 ? (
              <tr>
                <td colSpan={6}>No alerts yet.</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <p role="alert" className="form-error">
        {acknowledge.error ? acknowledge.error.message : ''}
      </p>
    </section>
  );
}

type Props = { workspaceId: string; canAcknowledge: boolean };
