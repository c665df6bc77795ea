import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.ts';

function appTrusting(trustProxy: boolean) {
  return new Hono().get('/', (c) => c.text(clientAddress(c, trustProxy)));
}

const forwarded = { 'x-forwarded-for': '10.0.0.1, 198.51.100.7' };

describe('client address', () => {
  it("takes the proxy's own (last) X-Forwarded-For entry when told to trust the proxy", async () => {
    const response = await appTrusting(true).request('/', { headers: forwarded });
    expect(await response.text()).toBe('198.51.100.7');
  });

  it('ignores X-Forwarded-For otherwise: a client cannot pick its own address', async () => {
    const response = await appTrusting(false).request('/', { headers: forwarded });
    expect(await response.text()).toBe('unknown');
  });

  it("uses the socket's peer address when there is one", async () => {
    const env = { incoming: { socket: { remoteAddress: '192.0.2.44' } } };
    const response = await appTrusting(false).request('/', {}, env);
    expect(await response.text()).toBe('192.0.2.44');
  });
});
