import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalBlueskyNetwork } from '../../../test/helpers/bluesky-network.ts';
import type { LocalBlueskyNetwork } from '../../../test/helpers/bluesky-network.ts';
import { checkRelay } from './relay-check.ts';

let network: LocalBlueskyNetwork;
beforeAll(async () => {
  network = await startLocalBlueskyNetwork();
}, 120_000);
afterAll(async () => network?.close());

describe('checkRelay', () => {
  it('says a real PDS firehose is open', async () => {
    expect(await checkRelay(network.firehoseUrl, AbortSignal.timeout(10_000))).toEqual({
      ok: true,
      detail: `the firehose of ${network.firehoseUrl} is open`,
    });
  });

  it('says why a relay that is not there, or not a relay, cannot be heard', async () => {
    const plain = createServer((_request, response) => response.writeHead(404).end());
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const port = (plain.address() as AddressInfo).port;
    const notRelay = await checkRelay(`ws://127.0.0.1:${port}`, AbortSignal.timeout(10_000));
    expect(notRelay).toMatchObject({ ok: false, error: expect.stringMatching(/refused/) });
    await new Promise<void>((resolve) => plain.close(() => resolve()));
    const gone = await checkRelay(`ws://127.0.0.1:${port}`, AbortSignal.timeout(10_000));
    expect(gone.ok).toBe(false);
  });
});
