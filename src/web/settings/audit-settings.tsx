import { useState } from 'react';
import type { AuditEntry } from '../../api/contract.ts';
import { useMembers } from '../api/queries.ts';
import { formatAbsolute } from '../text/format-time.ts';
import { auditPath, auditQuery, useAuditLog } from './audit-client.ts';
import type { AuditFilters } from './audit-client.ts';

const families = [
  ['', 'Everything'],
  ['member', 'Members and roles'],
  ['invitation', 'Invitations'],
  ['token', 'API tokens'],
  ['auth', 'Sign-ins and passwords'],
  ['user', 'Deactivations'],
  ['channel', 'Channels'],
  ['brand', 'Brands and keywords'],
  ['sla_policy', 'SLA policies'],
  ['business_hours', 'Business hours'],
  ['routing_rule', 'Routing rules'],
  ['canned_response', 'Canned responses'],
  ['alert_destination', 'Alert destinations'],
  ['moderation', 'Moderation'],
  ['scorecard', 'Quality scorecards'],
  ['quality_settings', 'Quality review rate'],
] as const;

const noFilters: AuditFilters = { actorId: '', kind: '', fromDay: '', toDay: '' };

/** A value as short text: lists joined, objects as JSON; never markup. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(show).join(', ') || '(none)';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "role: agent → viewer; name: A → B": only the fields that changed. */
function changeSummary(entry: AuditEntry): string {
  const { before, after } = entry;
  const names = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const parts = names
    .filter((name) => JSON.stringify(before?.[name]) !== JSON.stringify(after?.[name]))
    .map((name) => {
      if (!before) return `${name}: ${show(after?.[name])}`;
      if (!after) return `${name} was ${show(before[name])}`;
      return `${name}: ${show(before[name])} → ${show(after[name])}`;
    });
  return parts.join('; ');
}

/**
 * Who changed configuration or access, when, from where, and what it was before and after
 * (issue 17). Admins only; secrets are never in it. Everything is shown as text.
 */
export function AuditSettings({ workspaceId }: { workspaceId: string }) {
  const [filters, setFilters] = useState<AuditFilters>(noFilters);
  const [pages, setPages] = useState<string[]>([]);
  const before = pages.at(-1) ?? null;
  const log = useAuditLog(workspaceId, filters, before);
  const members = useMembers(workspaceId);
  const change = (patch: Partial<AuditFilters>) => {
    setFilters({ ...filters, ...patch });
    setPages([]);
  };
  const items = log.data?.items ?? [];
  const csvHref = `/api/v1${auditPath(workspaceId)}?${auditQuery(filters, { format: 'csv', limit: '1000' })}`;
  return (
    <div className="settings-section">
      <h2>Audit log</h2>
      <p className="muted">
        Every change to members, access, channels and settings, newest first. Secrets (passwords,
        tokens, credentials) are never recorded: only which fields changed.
      </p>
      <form className="audit-filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="audit-actor">Who</label>
          <select
            id="audit-actor"
            value={filters.actorId}
            onChange={(event) => change({ actorId: event.target.value })}
          >
            <option value="">Anyone</option>
            {(members.data?.items ?? []).map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.name} ({member.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-kind">What</label>
          <select
            id="audit-kind"
            value={filters.kind}
            onChange={(event) => change({ kind: event.target.value })}
          >
            {families.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input
            id="audit-from"
            type="date"
            value={filters.fromDay}
            onChange={(event) => change({ fromDay: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input
            id="audit-to"
            type="date"
            value={filters.toDay}
            onChange={(event) => change({ toDay: event.target.value })}
          />
        </div>
      </form>
      <p>
        <a href={csvHref} download>
          Download as CSV
        </a>
      </p>
      {log.error ? (
        <p role="alert">Could not load the audit log: {log.error.message}</p>
      ) : log.isPending ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">
          Nothing recorded{filters === noFilters ? ' yet' : ' for these filters'}.
        </p>
      ) : (
        <table className="settings-table audit-table">
          <caption className="visually-hidden">Audit log</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
              <th scope="col">Change</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.at}>{formatAbsolute(entry.at)}</time>
                </td>
                <td>{entry.actor.label}</td>
                <td>
                  <code>{entry.kind}</code>
                </td>
                <td>{entry.target ? `${entry.target.type} ${entry.target.id}` : '—'}</td>
                <td>{changeSummary(entry)}</td>
                <td title={entry.userAgent ?? undefined}>{entry.ipAddress ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {pages.length > 0 ? (
          <button type="button" onClick={() => setPages(pages.slice(0, -1))}>
            Newer
          </button>
        ) : null}{' '}
        {log.data?.nextBefore ? (
          <button type="button" onClick={() => setPages([...pages, log.data.nextBefore!])}>
            Older
          </button>
        ) : null}
      </p>
    </div>
  );
}
