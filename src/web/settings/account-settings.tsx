import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { changePassword, endSession, fetchSessions } from '../api/account-client.ts';
import { ChangeError } from './change-outcome.tsx';
import { TwoFactorSettings } from './two-factor-settings.tsx';

const sessionsKey = ['account', 'sessions'];

/** Your own account: password, two-factor sign-in, your signed-in sessions. */
export function AccountSettings() {
  return (
    <>
      <ChangePasswordSection />
      <TwoFactorSettings />
      <SessionsSection />
    </>
  );
}

function ChangePasswordSection() {
  const queryClient = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation({
    mutationFn: () => changePassword(currentPassword, newPassword),
    onSuccess: () => {
      setCurrent('');
      setNew('');
      return queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change.mutate();
  };
  return (
    <div className="settings-section">
      <h2>Password</h2>
      <form className="settings-form" onSubmit={onSubmit} aria-label="Change your password">
        <div className="field">
          <label htmlFor="current-password">Current password</label>
          <input
            id="current-password"
            type="password"
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="changed-password">New password (at least 12 characters)</label>
          <input
            id="changed-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            value={newPassword}
            onChange={(event) => setNew(event.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={change.isPending}>
          Change password
        </button>
        {change.isSuccess ? (
          <p role="status">Password changed. Your other sessions were signed out.</p>
        ) : null}
        <ChangeError
          error={
            change.error && 'code' in change.error && change.error.code === 'wrong_password'
              ? new Error('The current password is not right.')
              : change.error
          }
        />
      </form>
    </div>
  );
}

function SessionsSection() {
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: fetchSessions });
  const end = useMutation({
    mutationFn: endSession,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
  return (
    <div className="settings-section">
      <h2>Signed-in sessions</h2>
      <table className="settings-table">
        <caption className="visually-hidden">Your signed-in sessions</caption>
        <thead>
          <tr>
            <th scope="col">Browser</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(sessions.data?.items ?? []).map((session) => (
            <tr key={session.id}>
              <td>{session.userAgent ?? 'Unknown browser'}</td>
              <td>{new Date(session.createdAt).toLocaleString()}</td>
              <td>{new Date(session.lastSeenAt).toLocaleString()}</td>
              <td>
                {session.current ? (
                  'This browser'
                ) : (
                  <button
                    type="button"
                    className="button"
                    disabled={end.isPending}
                    onClick={() => end.mutate(session.id)}
                  >
                    Sign out
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ChangeError error={end.error} />
    </div>
  );
}
