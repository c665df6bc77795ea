import { useState, type FormEvent } from 'react';
import { useMembers, useSession } from '../api/queries.ts';
import {
  addTeamMember,
  changeRole,
  createTeam,
  deactivateMember,
  removeMember,
} from '../api/settings-client.ts';
import { addOrInviteMember, isInvitation } from '../api/account-client.ts';
import { useSettingsChange, useTeams } from '../api/settings-queries.ts';
import type { Member, NewInvitation, Role } from '../../api/contract.ts';
import { NewInvitationLink, PendingInvitations } from './invitations.tsx';
import { MemberRouting } from './member-routing.tsx';
import { NameForm } from './settings-forms.tsx';
import { ChangeError } from './change-outcome.tsx';

const roles: Role[] = ['viewer', 'agent', 'admin', 'owner'];
const roleLabels: Record<Role, string> = {
  viewer: 'Viewer',
  agent: 'Agent',
  admin: 'Admin',
  owner: 'Owner',
};

type Props = { workspaceId: string; canEdit: boolean };

export function TeamsSettings({ workspaceId, canEdit }: Props) {
  return (
    <>
      <MembersSection workspaceId={workspaceId} canEdit={canEdit} />
      <TeamsSection workspaceId={workspaceId} canEdit={canEdit} />
      <MemberRouting workspaceId={workspaceId} canEdit={canEdit} />
    </>
  );
}

type Offboarding = 'remove' | 'deactivate';

const offboardingLabels: Record<Offboarding, { ask: string; confirm: string }> = {
  remove: { ask: 'Remove from workspace', confirm: 'Yes, remove' },
  deactivate: { ask: 'Deactivate account', confirm: 'Yes, deactivate' },
};

/**
 * Offboarding one member, asked twice: removing takes them out of this workspace; deactivating
 * ends their sign-in, sessions and tokens everywhere. Either way their open conversations go back
 * to their team's queue and their event streams close at once; what they wrote stays.
 */
function MemberActions({ workspaceId, member }: { workspaceId: string; member: Member }) {
  const session = useSession();
  const [asking, setAsking] = useState<Offboarding | null>(null);
  const offboard = useSettingsChange(workspaceId, (how: Offboarding) =>
    how === 'remove'
      ? removeMember(workspaceId, member.userId)
      : deactivateMember(workspaceId, member.userId).then(() => undefined),
  );
  if (session.data?.user.id === member.userId) return null;
  const choices: Offboarding[] = member.deactivated ? ['remove'] : ['remove', 'deactivate'];
  return (
    <div className="settings-inline">
      {asking ? (
        <>
          <button
            type="button"
            className="button button--danger"
            disabled={offboard.isPending}
            onClick={() => offboard.mutate(asking, { onSuccess: () => setAsking(null) })}
          >
            {offboardingLabels[asking].confirm} {member.name}
          </button>
          <button type="button" className="button" onClick={() => setAsking(null)}>
            Cancel
          </button>
        </>
      ) : (
        choices.map((how) => (
          <button
            key={how}
            type="button"
            className="button"
            aria-label={`${offboardingLabels[how].ask}: ${member.name}`}
            onClick={() => setAsking(how)}
          >
            {offboardingLabels[how].ask}
          </button>
        ))
      )}
      <ChangeError error={offboard.error} />
    </div>
  );
}

function MembersSection({ workspaceId, canEdit }: Props) {
  const members = useMembers(workspaceId);
  const role = useSettingsChange(workspaceId, (input: { userId: string; role: Role }) =>
    changeRole(workspaceId, input.userId, input.role),
  );
  const add = useSettingsChange(workspaceId, (input: { email: string; role: Role }) =>
    addOrInviteMember(workspaceId, input),
  );
  const [email, setEmail] = useState('');
  const [newRole, setNewRole] = useState<Role>('agent');
  const [invited, setInvited] = useState<NewInvitation | null>(null);
  const onAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setInvited(null);
    add.mutate(
      { email: email.trim(), role: newRole },
      {
        onSuccess: (added) => {
          setEmail('');
          if (isInvitation(added)) setInvited(added);
        },
      },
    );
  };
  return (
    <div className="settings-section">
      <h2>Members</h2>
      <table className="settings-table">
        <caption className="visually-hidden">Members and their roles</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            {canEdit ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {(members.data?.items ?? []).map((member) => (
            <tr key={member.userId}>
              <td>
                {member.name}
                {member.deactivated ? <span className="muted"> (deactivated)</span> : null}
              </td>
              <td>{member.email}</td>
              <td>
                {canEdit ? (
                  <select
                    aria-label={`Role of ${member.name}`}
                    value={member.role}
                    disabled={role.isPending}
                    onChange={(event) =>
                      role.mutate({ userId: member.userId, role: event.target.value as Role })
                    }
                  >
                    {roles.map((option) => (
                      <option key={option} value={option}>
                        {roleLabels[option]}
                      </option>
                    ))}
                  </select>
                ) : (
                  roleLabels[member.role]
                )}
              </td>
              {canEdit ? (
                <td>
                  <MemberActions workspaceId={workspaceId} member={member} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <ChangeError error={role.error} />
      {canEdit ? (
        <form className="settings-form" onSubmit={onAdd} aria-label="Add a member">
          <div className="field">
            <label htmlFor="member-email">Email</label>
            <input
              id="member-email"
              type="email"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="member-role">Role</label>
            <select
              id="member-role"
              value={newRole}
              onChange={(event) => setNewRole(event.target.value as Role)}
            >
              {roles.map((option) => (
                <option key={option} value={option}>
                  {roleLabels[option]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--primary" disabled={add.isPending}>
            Add member
          </button>
          <ChangeError error={add.error} />
        </form>
      ) : null}
      {invited ? <NewInvitationLink invitation={invited} /> : null}
      {canEdit ? <PendingInvitations workspaceId={workspaceId} /> : null}
    </div>
  );
}

function TeamsSection({ workspaceId, canEdit }: Props) {
  const teams = useTeams(workspaceId);
  const members = useMembers(workspaceId);
  const create = useSettingsChange(workspaceId, (name: string) => createTeam(workspaceId, name));
  const join = useSettingsChange(workspaceId, (input: { teamId: string; userId: string }) =>
    addTeamMember(workspaceId, input.teamId, input.userId),
  );
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<Record<string, string>>({});
  const nameOf = (userId: string) =>
    members.data?.items.find((member) => member.userId === userId)?.name ?? 'Former member';
  return (
    <div className="settings-section">
      <h2>Teams</h2>
      {teams.data?.items.length === 0 ? <p className="muted">No teams yet.</p> : null}
      <ul className="settings-list">
        {(teams.data?.items ?? []).map((team) => {
          const outside = (members.data?.items ?? []).filter(
            (member) => !team.memberIds.includes(member.userId) && member.role !== 'viewer',
          );
          return (
            <li key={team.id} className="settings-card">
              <h3>{team.name}</h3>
              <p>
                {team.memberIds.length === 0
                  ? 'Nobody yet.'
                  : team.memberIds.map(nameOf).join(', ')}
              </p>
              {canEdit && outside.length > 0 ? (
                <div className="settings-inline">
                  <label htmlFor={`join-${team.id}`}>Add to {team.name}</label>
                  <select
                    id={`join-${team.id}`}
                    value={picked[team.id] ?? ''}
                    onChange={(event) => setPicked({ ...picked, [team.id]: event.target.value })}
                  >
                    <option value="">Choose a member</option>
                    {outside.map((member) => (
                      <option key={member.userId} value={member.userId}>
                        {member.name}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="button"
                    disabled={!picked[team.id] || join.isPending}
                    onClick={() => join.mutate({ teamId: team.id, userId: picked[team.id]! })}
                  >
                    Add
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <ChangeError error={join.error} />
      {canEdit ? (
        <NameForm
          label="Create a team"
          fieldId="team-name"
          fieldLabel="Team name"
          maxLength={200}
          value={name}
          onChange={setName}
          submitLabel="Create team"
          pending={create.isPending}
          error={create.error}
          onSubmit={(teamName) => create.mutate(teamName, { onSuccess: () => setName('') })}
        />
      ) : null}
    </div>
  );
}
