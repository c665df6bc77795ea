import * as oidc from 'openid-client';
import { AppError } from '../app-error.ts';

/** The instance's OpenID Connect provider, as the operator configured it. */
export interface SsoProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: `<public URL>/api/v1/auth/sso/callback`. */
  redirectUri: string;
}

/** What one sign-in attempt must remember between the redirect out and the way back. */
export interface SsoChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Who the provider says signed in. */
export interface SsoIdentity {
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
}

/**
 * Authorization code flow with PKCE against one OpenID Connect provider (openid-client). The
 * provider's metadata is discovered on first use and kept; a failed discovery is tried again on
 * the next sign-in, so a provider that was down at start-up does not need a restart.
 */
export class SsoProvider {
  readonly settings: SsoProviderSettings;
  #configuration: Promise<oidc.Configuration> | undefined;

  constructor(settings: SsoProviderSettings) {
    this.settings = settings;
  }

  #discover(): Promise<oidc.Configuration> {
    this.#configuration ??= oidc
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        // Plain http is accepted only for a provider on this machine (config.ts checks it).
        this.settings.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {},
      )
      .catch((error: unknown) => {
        this.#configuration = undefined;
        throw new AppError(
          'sso_unavailable',
          `the sign-in provider cannot be reached: ${text(error)}`,
        );
      });
    return this.#configuration;
  }

  /** The provider's authorization URL for a new attempt, and the checks to keep for its return. */
  async start(): Promise<{ url: URL; checks: SsoChecks }> {
    const configuration = await this.#discover();
    const checks: SsoChecks = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email profile',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, checks };
  }

  /**
   * Checks the provider's answer (state, PKCE, ID token signature, issuer, audience, nonce),
   * redeems the code, and reads who signed in: from the ID token, or from the userinfo endpoint
   * when the ID token does not carry the email.
   */
  async finish(callbackUrl: URL, checks: SsoChecks): Promise<SsoIdentity> {
    // openid-client checks it too; checked first here to say plainly what went wrong.
    if (callbackUrl.searchParams.get('state') !== checks.state)
      throw new AppError(
        'sso_failed',
        "the answer's state does not match the sign-in this browser started: start again",
      );
    const configuration = await this.#discover();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
    } catch (error) {
      throw new AppError('sso_failed', `the sign-in provider's answer was refused: ${text(error)}`);
    }
    const claims = tokens.claims();
    if (!claims) throw new AppError('sso_failed', 'the sign-in provider sent no ID token');
    let source: Record<string, unknown> = claims;
    if (typeof claims.email !== 'string') {
      try {
        source = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      } catch (error) {
        throw new AppError('sso_failed', `could not read the signed-in user: ${text(error)}`);
      }
    }
    return {
      subject: claims.sub,
      email: typeof source.email === 'string' ? source.email : undefined,
      // Only a literal true counts: a string or a missing claim is not taken as verified.
      emailVerified: source.email_verified === true,
      name: typeof source.name === 'string' ? source.name : undefined,
    };
  }
}

/** The error's message, with its cause's: openid-client puts the precise reason there. */
function text(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}
