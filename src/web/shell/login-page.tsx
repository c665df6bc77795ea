import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';
import { fetchSsoStatus, ssoStartUrl } from '../api/sso-client.ts';
import { useLogin } from '../api/queries.ts';
import { paths } from '../app/router.ts';
import { useDocumentTitle } from './status-message.tsx';

/** What to tell a person whose login failed, by the server's error code. */
function loginErrorMessage(error: Error): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  switch (error.code) {
    case 'invalid_credentials':
      return 'That email and password do not match an account. Check both and try again.';
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
