import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import {
  disableTwoFactor,
  enableTwoFactor,
  fetchTwoFactorStatus,
  startTwoFactorSetup,
} from '../api/two-factor-client.ts';
import { ChangeError } from './change-outcome.tsx';

const statusKey = ['account', 'two-factor'];

const friendly = (error: Error | null): Error | null =>
  error instanceof ApiError && error.code === 'wrong_code'
    ? new Error('That code is not right, or was used already. Wait for the next code.')
    : error instanceof ApiError && error.code === 'wrong_password'
      ? new Error('The password is not right.')
      : error;

/**
 * "Two-factor sign-in" on the Account page: enrol an authenticator app (the otpauth URI and the
 * secret, as text), confirm with a code, see the recovery codes once, turn it off.
 */
export function TwoFactorSettings() {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: statusKey, queryFn: fetchTwoFactorStatus });
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  // The session says whether the workspaces that require it let this account in.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: statusKey }),
      queryClient.invalidateQueries({ queryKey: keys.session }),
    ]);
  return (
    <div className="settings-section">
      <h2>Two-factor sign-in</h2>
      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
      ) : status.data?.enabled ? (
        <TurnOff recoveryCodesLeft={status.data.recoveryCodesLeft} onDone={refresh} />
      ) : status.data ? (
        <Enrol
          onEnabled={async (codes) => {
            setRecoveryCodes(codes);
            await refresh();
          }}
        />
      ) : null}
    </div>
  );
}

function Enrol({ onEnabled }: { onEnabled: (codes: string[]) => Promise<void> }) {
  const [code, setCode] = useState('');
  const setup = useMutation({ mutationFn: startTwoFactorSetup });
  const enable = useMutation({
    mutationFn: () => enableTwoFactor(code.trim()),
    onSuccess: (answer) => onEnabled(answer.recoveryCodes),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    enable.mutate();
  };
  if (!setup.data)
    return (
      <>
        <p>
          Off. With it on, signing in asks for a code from an authenticator app on your phone as
          well as your password.
        </p>
        <button
          type="button"
          className="button button--primary"
          disabled={setup.isPending}
          onClick={() => setup.mutate()}
        >
          Set up two-factor sign-in
        </button>
        <ChangeError error={setup.error} />
      </>
    );
  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label="Confirm two-factor sign-in">
      <p>
        Add this account to your authenticator app: paste the link, or type the secret key by hand.
        Then enter the 6-digit code the app shows.
      </p>
      <div className="field">
        <label htmlFor="two-factor-uri">Setup link</label>
        <input id="two-factor-uri" type="text" readOnly value={setup.data.uri} />
      </div>
      <div className="field">
        <label htmlFor="two-factor-secret">Secret key</label>
        <input id="two-factor-secret" type="text" readOnly value={setup.data.secret} />
      </div>
      <div className="field">
        <label htmlFor="two-factor-code">Code from the app</label>
        <input
          id="two-factor-code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          maxLength={20}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      </div>
      <button type="submit" className="button button--primary" disabled={enable.isPending}>
        Turn on two-factor sign-in
      </button>
      <ChangeError error={friendly(enable.error)} />
    </form>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <>
      <p role="status">
        Two-factor sign-in is on. Keep these recovery codes somewhere safe: each signs you in once
        if you lose your phone. They are shown only now.
      </p>
      <ul aria-label="Recovery codes" className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={onDone}>
        I saved them
      </button>
    </>
  );
}

function TurnOff({
  recoveryCodesLeft,
  onDone,
}: {
  recoveryCodesLeft: number;
  onDone: () => Promise<unknown>;
}) {
  const [password, setPassword] = useState('');
  const turnOff = useMutation({
    mutationFn: () => disableTwoFactor({ password }),
    onSuccess: () => {
      setPassword('');
      return onDone();
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    turnOff.mutate();
  };
  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label="Turn off two-factor sign-in">
      <p>On. {recoveryCodesLeft} of 10 recovery codes left.</p>
      <div className="field">
        <label htmlFor="two-factor-off-password">Your password, to turn it off</label>
        <input
          id="two-factor-off-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <button type="submit" className="button button--danger" disabled={turnOff.isPending}>
        Turn off two-factor sign-in
      </button>
      <ChangeError error={friendly(turnOff.error)} />
    </form>
  );
}
