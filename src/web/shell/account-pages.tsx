import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { Session } from '../../api/contract.ts';
import {
  acceptInvitation,
  confirmPasswordReset,
  previewInvitation,
  requestPasswordReset,
} from '../api/account-client.ts';
import { ApiError } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import { navigate, paths } from '../app/router.ts';
import { useDocumentTitle } from './status-message.tsx';

// The pages a person reaches from a one-time link, before they are signed in. The secret is in
// the URL's fragment, which the browser never sends to a server.

const minLength = 12;
const secretFromFragment = () => window.location.hash.slice(1);

function linkErrorMessage(error: Error | null): string | null {
  if (!error) return null;
  if (
    error instanceof ApiError &&
    (error.code === 'link_expired' || error.code === 'validation_failed')
  )
    return 'This link was already used, was revoked or has expired. Ask for a new one.';
  return error.message;
}

/** Signed in by the answer: remember the session and go to the app. */
function useSignedIn() {
  const queryClient = useQueryClient();
  return (session: Session) => {
    queryClient.setQueryData<Session | null>(keys.session, session);
    navigate('/', { replace: true });
  };
}

function NewPasswordField({
  value,
  onChange,
  describedBy,
}: {
  value: string;
  onChange: (value: string) => void;
  describedBy: string | undefined;
}) {
  return (
    <div className="field">
      <label htmlFor="new-password">New password (at least {minLength} characters)</label>
      <input
        id="new-password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy}
      />
    </div>
  );
}

export function AcceptInvitePage() {
  useDocumentTitle('Join Earshot');
  const [token] = useState(secretFromFragment);
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => previewInvitation(token),
    retry: false,
  });
  const signedIn = useSignedIn();
  const accept = useMutation({ mutationFn: acceptInvitation, onSuccess: signedIn });
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const errorId = useId();
  const error = linkErrorMessage(preview.error ?? accept.error);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    accept.mutate({ token, password, ...(name.trim() ? { name: name.trim() } : {}) });
  };
  return (
    <main className="login">
      <div className="login__card">
        <p className="brand-mark" aria-hidden="true">
          Earshot
        </p>
        <h1>Join {preview.data ? preview.data.workspaceName : 'Earshot'}</h1>
        {preview.data ? (
          <form onSubmit={onSubmit}>
            <p>
              You were invited as <strong>{preview.data.email}</strong>. Choose your password to
              sign in.
            </p>
            <div className="field">
              <label htmlFor="invite-name">Your name</label>
              <input
                id="invite-name"
                autoComplete="name"
                placeholder={preview.data.name ?? ''}
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            </div>
            <NewPasswordField
              value={password}
              onChange={setPassword}
              describedBy={error ? errorId : undefined}
            />
            <div id={errorId} role="alert" className={error ? 'form-error' : 'visually-hidden'}>
              {error}
            </div>
            <button
              type="submit"
              className="button button--primary button--block"
              disabled={accept.isPending}
            >
              {accept.isPending ? 'Setting up…' : 'Set password and sign in'}
            </button>
          </form>
        ) : (
          <p role="alert" className={error ? 'form-error' : undefined}>
            {error ?? 'Checking your invitation…'}
          </p>
        )}
      </div>
    </main>
  );
}

export function ResetPasswordPage() {
  useDocumentTitle('Reset your password');
  const [token] = useState(secretFromFragment);
  return (
    <main className="login">
      <div className="login__card">
        <p className="brand-mark" aria-hidden="true">
          Earshot
        </p>
        <h1>Reset your password</h1>
        {token ? <ChooseNewPassword token={token} /> : <AskForLink />}
        <p>
          <a href={paths.login()}>Back to log in</a>
        </p>
      </div>
    </main>
  );
}

function AskForLink() {
  const [email, setEmail] = useState('');
  const ask = useMutation({ mutationFn: requestPasswordReset });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    ask.mutate(email.trim());
  };
  if (ask.isSuccess)
    return (
      <p role="status">
        If {email.trim()} has an account and this server sends email, a link is on its way; it works
        for one hour. No email? Ask your administrator for a reset link.
      </p>
    );
  return (
    <form onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="reset-email">Email</label>
        <input
          id="reset-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      <p role="alert" className={ask.error ? 'form-error' : 'visually-hidden'}>
        {ask.error?.message}
      </p>
      <button
        type="submit"
        className="button button--primary button--block"
        disabled={ask.isPending}
      >
        Email me a reset link
      </button>
    </form>
  );
}

function ChooseNewPassword({ token }: { token: string }) {
  const signedIn = useSignedIn();
  const confirm = useMutation({
    mutationFn: (password: string) => confirmPasswordReset(token, password),
    onSuccess: signedIn,
  });
  const [password, setPassword] = useState('');
  const errorId = useId();
  const error = linkErrorMessage(confirm.error);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    confirm.mutate(password);
  };
  return (
    <form onSubmit={onSubmit}>
      <NewPasswordField
        value={password}
        onChange={setPassword}
        describedBy={error ? errorId : undefined}
      />
      <div id={errorId} role="alert" className={error ? 'form-error' : 'visually-hidden'}>
        {error}
      </div>
      <button
        type="submit"
        className="button button--primary button--block"
        disabled={confirm.isPending}
      >
        Set password and sign in
      </button>
    </form>
  );
}
