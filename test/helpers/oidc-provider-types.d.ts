// oidc-provider ships no types: the little of it the tests use (test/helpers/oidc-provider.ts).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account {
    accountId: string;
    claims(): Record<string, unknown>;
  }

  export default class Provider {
    constructor(
      issuer: string,
      configuration: {
        clients: Array<Record<string, unknown>>;
        claims: Record<string, string[]>;
        pkce: { required: () => boolean };
        cookies: { keys: string[] };
        ttl: Record<string, number>;
        features: Record<string, { enabled: boolean }>;
        findAccount(context: unknown, id: string): Account | undefined;
      },
    );
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
}
