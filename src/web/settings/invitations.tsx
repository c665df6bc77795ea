import { useQuery } from '@tanstack/react-query';
import type { NewInvitation } from '../../api/contract.ts';
import { absoluteLink, fetchInvitations, revokeInvitation } from '../api/account-client.ts';
import { useSettingsChange } from '../api/settings-queries.ts';
import { ChangeError } from './change-outcome.tsx';

export const invitationsKey = (workspaceId: string) => ['settings', workspaceId, 'invitations'];

/** The link of an invitation just made: shown this once, to pass on when no email was sent. */
export function NewInvitationLink({ invitation }: { invitation: NewInvitation }) {
  const link = absoluteLink(invitation.link);
  return (
    <div role="status" className="settings-note">
      <p>
        {invitation.emailed
          ? `Invitation emailed to ${invitation.email}. `
          : `Send this link to ${invitation.email}: it lets them set their password. `}
        It works once, until {new Date(invitation.expiresAt).toLocaleString()}, and is not shown
        again.
      </p>
      <input
        aria-label={`Invitation link for ${invitation.email}`}
        readOnly
        value={link}
        onFocus={(event) => event.target.select()}
      />
    </div>
  );
}

/** Invitations not yet accepted, each with a Revoke button (admins only). */
export function PendingInvitations({ workspaceId }: { workspaceId: string }) {
  const invitations = useQuery({
    queryKey: invitationsKey(workspaceId),
    queryFn: () => fetchInvitations(workspaceId),
  });
  const revoke = useSettingsChange(workspaceId, (id: string) => revokeInvitation(workspaceId, id));
  const items = invitations.data?.items ?? [];
  return (
    <div className="settings-subsection">
      <h3>Pending invitations</h3>
      {items.length === 0 ? (
        <p className="muted">No pending invitations.</p>
      ) : (
        <table className="settings-table">
          <caption className="visually-hidden">Pending invitations</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>{invitation.role}</td>
                <td>{new Date(invitation.expiresAt).toLocaleString()}</td>
                <td>
                  <button
                    type="button"
                    className="button"
                    disabled={revoke.isPending}
                    aria-label={`Revoke the invitation of ${invitation.email}`}
                    onClick={() => revoke.mutate(invitation.id)}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ChangeError error={revoke.error} />
    </div>
  );
}
