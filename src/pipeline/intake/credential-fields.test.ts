import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { connectableNetworks, credentialFields } from '../../domain/networks.ts';
import { createChannelRegistry } from './channel-registry.ts';

const registry = createChannelRegistry();

describe('the credential fields the connect form and --help explain', () => {
  it.each(connectableNetworks)(
    'name every field %s credentials take, optional ones included',
    (network) => {
      const schema = registry.get(network)!.credentialsSchema as z.ZodObject;
      const documented = credentialFields(network).map((field) => field.name);
      expect([...documented].sort()).toEqual(Object.keys(schema.shape).sort());
      for (const field of credentialFields(network)) expect(field.help.length).toBeGreaterThan(10);
    },
  );
});
