import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';
import { keys, useSession } from '../api/queries.ts';
import { fetchWorkspaceSso, setWorkspaceSso } from '../api/sso-client.ts';
import { setTwoFactorRequirement } from '../api/two-factor-client.ts';
import type { Role } from '../../api/contract.ts';
import { ChangeError } from './change-outcome.tsx';

/**
 * The owner's "Require two-factor sign-in" switch. Members without it then see only the
 * enrolment screen (and their API tokens stop working here) until they turn it on.
 */
export function TwoFactorRequirement({ workspaceId, role }: { workspaceId: string; role: Role }) {
  const queryClient = useQueryClient();
  const session = useSession();
  const required =
    session.data?.memberships.find((m) => m.workspaceId === workspaceId)?.requireTwoFactor ?? false;
  const change = useMutation({
    mutationFn: (next: boolean) => setTwoFactorRequirement(workspaceId, next),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.session }),
  });
  const error =
    change.error instanceof ApiError && change.error.code === 'two_factor_not_enabled'
      ? new Error('Turn on two-factor sign-in for your own account first (Settings, Your account).')
      : change.error;
  return (
    <div className="settings-section">
      <h2>Sign-in security</h2>
      <label>
        <input
          type="checkbox"
          checked={required}
          disabled={role !== 'owner' || change.isPending}
          onChange={(event) => change.mutate(event.target.checked)}
        />{' '}
        Require two-factor sign-in
      </label>
      <p className="muted">
        {role === 'owner'
          ? 'Members without two-factor sign-in can then only set it up before they get in.'
          : 'Only owners change this.'}
      </p>
      <ChangeError error={error} />
      <SsoOnly workspaceId={workspaceId} role={role} />
    </div>
  );
}

/**
 * The owner's "SSO only" switch, shown when the instance has a single sign-on provider: members
 * then sign in through it, not with a password (API tokens keep working).
 */
function SsoOnly({ workspaceId, role }: { workspaceId: string; role: Role }) {
  const queryClient = useQueryClient();
  const key = ['workspace-sso', workspaceId];
  const sso = useQuery({ queryKey: key, queryFn: () => fetchWorkspaceSso(workspaceId) });
  const change = useMutation({
    mutationFn: (next: boolean) => setWorkspaceSso(workspaceId, next),
    onSuccess: (next) => queryClient.setQueryData(key, next),
  });
  if (!sso.data?.configured) return null;
  return (
    <>
      <label>
        <input
          type="checkbox"
          checked={sso.data.ssoOnly}
          disabled={role !== 'owner' || change.isPending}
          onChange={(event) => change.mutate(event.target.checked)}
        />{' '}
        Single sign-on only
      </label>
      <p className="muted">
        {role === 'owner'
          ? 'Members then sign in with “Sign in with SSO”; passwords stop working here. API tokens keep working.'
          : 'Only owners change this.'}
      </p>
      <ChangeError error={change.error} />
    </>
  );
}
