import { describe, expect, it } from 'vitest';
import { connectableNetworks } from '../../src/domain/networks.ts';
import { createChannelRegistry } from '../../src/pipeline/intake/channel-registry.ts';

describe('network catalogue', () => {
  it('has a channel in the registry for exactly the networks it calls connectable', () => {
    expect([...createChannelRegistry().keys()]).toEqual(connectableNetworks);
  });
});
