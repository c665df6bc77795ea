import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person who can sign in at the test's provider. */
export interface ProviderAccount {
  email: string;
  emailVerified: boolean;
  name: string;
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 at a random port, with one static
 * confidential client and accounts kept in memory. Its development login and consent pages are
 * driven over HTTP by `signInAt`, the way a browser would.
 */
export async function startOidcProvider(options: { redirectUri: string }) {
  const accounts = new Map<string, ProviderAccount>();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = { clientId: 'earshot-test', clientSecret: 'earshot-test-secret-0123456789' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    cookies: { keys: ['oidc-test-cookie-key'] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    features: { devInteractions: { enabled: true } },
    findAccount(_context: unknown, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
        }),
      };
    },
  });
  server.on('request', provider.callback());

  /**
   * Follows a browser through the provider from its authorization URL: signs `accountId` in on the
   * login page, consents, and returns the URL the provider sends the browser back to.
   */
  async function signInAt(authorizationUrl: string, accountId: string): Promise<URL> {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const keep = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair!.indexOf('=');
        const name = pair!.slice(0, at);
        const value = pair!.slice(at + 1);
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
    };
    let next = new URL(authorizationUrl);
    for (let step = 0; step < 20; step += 1) {
      if (next.href.startsWith(options.redirectUri)) return next;
      let response: Response;
      if (next.pathname.startsWith('/interaction/')) {
        const page = await fetch(next, { headers: { cookie: cookieHeader() } });
        keep(page);
        const prompt = /name="prompt" value="(\w+)"/.exec(await page.text())?.[1];
        const form = new URLSearchParams({ prompt: prompt ?? 'login' });
        if (prompt === 'login') form.set('login', accountId);
        response = await fetch(next, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            cookie: cookieHeader(),
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: form.toString(),
        });
      } else {
        response = await fetch(next, { redirect: 'manual', headers: { cookie: cookieHeader() } });
      }
      keep(response);
      const location = response.headers.get('location');
      if (!location)
        throw new Error(
          `the provider stopped at ${next.href}: ${response.status} ${await response.text()}`,
        );
      next = new URL(location, next);
    }
    throw new Error('the provider kept redirecting');
  }

  return {
    issuer,
    ...client,
    accounts,
    signInAt,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
