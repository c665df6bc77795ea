import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';
import { fetchSsoStatus, ssoStartUrl } from '../api/sso-client.ts';
import { useLogin, useLoginWithCode } from '../api/queries.ts';
import { paths } from '../app/router.ts';
import { useDocumentTitle } from './status-message.tsx';

/** What to tell a person whose login failed, by the server's error code. */
function loginErrorMessage(error: Error): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  switch (error.code) {
    case 'invalid_credentials':
      return 'That email and password do not match an account. Check both and try again.';
    case 'wrong_code':
      return 'That code is not right, or was used already. Wait for the next code and try again.';
    case 'two_factor_challenge_expired':
      return 'This sign-in took too long. Go back and enter your password again.';
    case 'rate_limited':
      return 'Too many attempts. Wait a minute, then try again.';
    case 'sso_required':
      return `${error.message.split(':')[0]}. Use “Sign in with SSO” below.`;
    case 'validation_failed':
      return 'Enter a valid email address and your password.';
    case 'network_error':
      return 'Cannot reach the Earshot server. Check your connection and try again.';
    default:
      return error.message;
  }
}

export function LoginPage() {
  useDocumentTitle('Log in');
  const login = useLogin();
  const challenge =
    login.data && 'twoFactorRequired' in login.data ? login.data.challenge : undefined;
  if (challenge) return <CodeStep challenge={challenge} onBack={() => login.reset()} />;
  return <PasswordStep login={login} />;
}

function PasswordStep({ login }: { login: ReturnType<typeof useLogin> }) {
  // Public and cheap; when it fails the page simply shows no SSO button.
  const sso = useQuery({ queryKey: ['sso-status'], queryFn: fetchSsoStatus, staleTime: Infinity });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errorId = useId();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  };
  const error = login.error ? loginErrorMessage(login.error) : null;
  const describedBy = error ? errorId : undefined;

  return (
    <main className="login">
      <div className="login__card">
        <p className="brand-mark" aria-hidden="true">
          Earshot
        </p>
        <h1>Log in to Earshot</h1>
        <form onSubmit={onSubmit} noValidate={false}>
          <div className="field">
            <label htmlFor="login-email">Email</label>
            <input
              id="login-email"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">Password</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
            />
          </div>
          <div id={errorId} role="alert" className={error ? 'form-error' : 'visually-hidden'}>
            {error}
          </div>
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={login.isPending}
          >
            {login.isPending ? 'Logging in…' : 'Log in'}
          </button>
        </form>
        {sso.data?.configured ? (
          <a className="button button--block" href={ssoStartUrl}>
            Sign in with SSO
          </a>
        ) : null}
        <p>
          <a href={paths.resetPassword()}>Forgot your password?</a>
        </p>
      </div>
    </main>
  );
}

/** The second step for an account with two-factor sign-in on. */
function CodeStep({ challenge, onBack }: { challenge: string; onBack: () => void }) {
  const verify = useLoginWithCode();
  const [code, setCode] = useState('');
  const errorId = useId();
  const error = verify.error ? loginErrorMessage(verify.error) : null;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    verify.mutate({ challenge, code: code.trim() });
  };
  return (
    <main className="login">
      <div className="login__card">
        <p className="brand-mark" aria-hidden="true">
          Earshot
        </p>
        <h1>Two-factor sign-in</h1>
        <form onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor="login-code">Code from your authenticator app</label>
            <input
              id="login-code"
              name="code"
              type="text"
              autoComplete="one-time-code"
              autoFocus
              required
              maxLength={20}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${errorId}-hint${error ? ` ${errorId}` : ''}`}
            />
            <p id={`${errorId}-hint`} className="muted">
              Lost your phone? Enter one of your recovery codes instead.
            </p>
          </div>
          <div id={errorId} role="alert" className={error ? 'form-error' : 'visually-hidden'}>
            {error}
          </div>
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={verify.isPending}
          >
            {verify.isPending ? 'Checking…' : 'Verify'}
          </button>
        </form>
        <p>
          <button type="button" className="button button--quiet" onClick={onBack}>
            Back to email and password
          </button>
        </p>
      </div>
    </main>
  );
}
