import { Link } from '../app/link.tsx';
import { paths } from '../app/router.ts';
import { useAlerts } from './alerts-client.ts';
import '../styles/alerts.css';

/**
 * How many alerts nobody has acknowledged yet, kept live by the shell's event stream
 * (useLiveUpdates refetches on `alert.raised`); screen readers hear changes politely.
 */
export function AlertIndicator({ workspaceId }: { workspaceId: string }) {
  const alerts = useAlerts(workspaceId);
  const open = alerts.data?.items.filter((alert) => !alert.acknowledgedAt).length ?? 0;
  const label = open === 1 ? '1 unacknowledged alert' : `${open} unacknowledged alerts`;
  return (
    <Link
      className={open > 0 ? 'alert-indicator alert-indicator--open' : 'alert-indicator'}
      href={paths.alerts(workspaceId)}
    >
      <span className="alert-indicator__word" aria-hidden="true">
        Alerts
      </span>
      <span className="alert-indicator__count" aria-hidden="true">
        {open}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {alerts.isSuccess ? label : ''}
      </span>
    </Link>
  );
}
