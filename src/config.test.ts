import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults: port 3000 on localhost, PGlite in ./data, the demo on', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      demo: true,
      logLevel: 'info',
    });
    expect(config.dataDir).toMatch(/data$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable at once', () => {
    try {
      readConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        EARSHOT_SECRET_KEY: 'short',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'EARSHOT_SECRET_KEY'])
        expect(problems).toContain(name);
    }
  });

  it('wants the first owner’s email and password together, and a password of 12+ characters', () => {
    expect(() => readConfig({ EARSHOT_ADMIN_EMAIL: 'a@example.com' })).toThrow(/set together/);
    expect(() =>
      readConfig({ EARSHOT_ADMIN_EMAIL: 'a@example.com', EARSHOT_ADMIN_PASSWORD: 'short' }),
    ).toThrow(/12 characters/);
    expect(
      readConfig({
        EARSHOT_ADMIN_EMAIL: 'a@example.com',
        EARSHOT_ADMIN_PASSWORD: 'long enough password',
      }).adminEmail,
    ).toBe('a@example.com');
  });

  it('reads the request limits, per session or token and per anonymous address', () => {
    expect(readConfig({}).requestLimits).toEqual({
      callerPerMinute: 3000,
      anonymousPerMinute: 1200,
    });
    expect(
      readConfig({
        EARSHOT_REQUESTS_PER_MINUTE: '100000',
        EARSHOT_ANONYMOUS_REQUESTS_PER_MINUTE: '50',
      }).requestLimits,
    ).toEqual({ callerPerMinute: 100000, anonymousPerMinute: 50 });
    expect(() => readConfig({ EARSHOT_REQUESTS_PER_MINUTE: '0' })).toThrow(
      /EARSHOT_REQUESTS_PER_MINUTE/,
    );
  });

  it('treats blank variables as unset', () => {
    expect(readConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
    });
  });

  it('reads one OpenID Connect provider, set all together, over https or on this machine', () => {
    const oidc = {
      EARSHOT_OIDC_ISSUER: 'https://login.acme.test',
      EARSHOT_OIDC_CLIENT_ID: 'earshot',
      EARSHOT_OIDC_CLIENT_SECRET: 'secret',
      EARSHOT_PUBLIC_URL: 'https://earshot.acme.test',
    };
    expect(readConfig({}).oidc).toBeUndefined();
    expect(readConfig(oidc).oidc).toEqual({
      issuer: 'https://login.acme.test',
      clientId: 'earshot',
      clientSecret: 'secret',
    });
    expect(() => readConfig({ ...oidc, EARSHOT_OIDC_CLIENT_SECRET: '' })).toThrow(/set together/);
    expect(() => readConfig({ ...oidc, EARSHOT_PUBLIC_URL: '' })).toThrow(/EARSHOT_PUBLIC_URL/);
    expect(() => readConfig({ ...oidc, EARSHOT_OIDC_ISSUER: 'http://login.acme.test' })).toThrow(
      /EARSHOT_OIDC_ISSUER/,
    );
    expect(readConfig({ ...oidc, EARSHOT_OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe(
      'http://127.0.0.1:9000',
    );
  });

  it('reads the SMTP server for alert emails and refuses one that is not an smtp URL', () => {
    expect(readConfig({})).toMatchObject({
      smtpUrl: undefined,
      alertFrom: 'Earshot <earshot@localhost>',
    });
    expect(
      readConfig({
        EARSHOT_SMTP_URL: 'smtp://user:pw@127.0.0.1:2525',
        EARSHOT_ALERT_FROM: 'care@acme.test',
      }),
    ).toMatchObject({ smtpUrl: 'smtp://user:pw@127.0.0.1:2525', alertFrom: 'care@acme.test' });
    expect(() => readConfig({ EARSHOT_SMTP_URL: 'http://mail.example.com' })).toThrow(
      /EARSHOT_SMTP_URL/,
    );
  });

  it('keeps outbound requests to public https unless EARSHOT_ALLOW_PRIVATE_EGRESS opts in', () => {
    expect(readConfig({})).toMatchObject({ allowPrivateEgress: false, alertAllowPrivate: false });
    expect(readConfig({ EARSHOT_ALLOW_PRIVATE_EGRESS: 'true' })).toMatchObject({
      allowPrivateEgress: true,
      alertAllowPrivate: false,
    });
    // The older, alerts-only opt-in keeps working and widens nothing else.
    expect(readConfig({ EARSHOT_ALERT_ALLOW_PRIVATE: '1' })).toMatchObject({
      allowPrivateEgress: false,
      alertAllowPrivate: true,
    });
    expect(() => readConfig({ EARSHOT_ALLOW_PRIVATE_EGRESS: 'yes' })).toThrow(
      /EARSHOT_ALLOW_PRIVATE_EGRESS/,
    );
  });
});
