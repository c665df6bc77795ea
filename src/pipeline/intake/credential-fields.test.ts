import { describe, expect, it } from 'vitest';
import { blueskyCredentialsSchema } from '../../channels/bluesky/credentials.ts';
import { mastodonCredentialsSchema } from '../../channels/mastodon/mastodon-channel.ts';
import { xCredentialsSchema } from '../../channels/x/x-channel.ts';
import { credentialFields } from '../../domain/networks.ts';

describe('the credential fields the connect form explains', () => {
  it.each([
    ['bluesky', blueskyCredentialsSchema],
    ['mastodon', mastodonCredentialsSchema],
    ['x', xCredentialsSchema],
  ] as const)('name every field %s credentials take, optional ones included', (network, schema) => {
    const documented = credentialFields(network).map((field) => field.name);
    expect([...documented].sort()).toEqual(Object.keys(schema.shape).sort());
    for (const field of credentialFields(network)) expect(field.help.length).toBeGreaterThan(10);
  });
});
