import type { z } from 'zod';
import type { Network } from '../../domain/network.ts';
import { EgressRefusedError } from '../../security/egress.ts';
import type { Channel } from '../../channels/channel.ts';

/** One network an account can be connected to: its channel and the shape of its credentials. */
export interface RegisteredNetwork {
  channel: Channel<unknown>;
  credentialsSchema: z.ZodType;
}

/** Network → channel. File imports ('import', 'reviews') are not accounts: they are run by the CLI. */
export type ChannelRegistry = ReadonlyMap<Network, RegisteredNetwork>;

// Network answers can be long (HTML error pages); an account's health shows a line, not a page.
const maxMessageLength = 500;

export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > maxMessageLength ? `${message.slice(0, maxMessageLength)}…` : message;
}

function credentialIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || 'credentials'}: ${issue.message}`)
    .join('; ');
}

export type CredentialsOutcome =
  | { ok: true; credentials: unknown; accountId: string; handle: string }
  | { ok: false; code: 'invalid_credentials' | 'egress_refused'; message: string };

/**
 * Credentials as connecting and editing take them: they must fit the network's schema and be
 * accepted by the network itself. Errors are values the API and CLI show.
 */
export async function checkCredentials(
  services: { registry: ChannelRegistry },
  network: Network,
  input: unknown,
): Promise<CredentialsOutcome> {
  const registered = services.registry.get(network);
  if (!registered)
    return {
      ok: false,
      code: 'invalid_credentials',
      message: `${network} accounts cannot be connected`,
    };
  const parsed = registered.credentialsSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      code: 'invalid_credentials',
      message: `invalid ${network} credentials: ${credentialIssues(parsed.error)}`,
    };
  try {
    const account = await registered.channel.validateCredentials(parsed.data);
    return { ok: true, credentials: parsed.data, ...account };
  } catch (error) {
    // Refused before connecting: say where to, not that the network refused.
    if (error instanceof EgressRefusedError)
      return {
        ok: false,
        code: 'egress_refused',
        message: `Earshot will not connect there: ${describeError(error)}`,
      };
    return {
      ok: false,
      code: 'invalid_credentials',
      message: `${network} refused the credentials: ${describeError(error)}`,
    };
  }
}
