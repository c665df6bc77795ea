import { describe, expect, it } from 'vitest';
import { networks } from './network.ts';
import {
  connectableNetworks,
  credentialsExample,
  filterNetworks,
  networkCatalogue,
  networkName,
} from './networks.ts';

describe('network catalogue', () => {
  it('names every network, and lists the connectable ones and the inbox filter in its order', () => {
    expect(Object.keys(networkCatalogue)).toEqual([...networks]);
    expect(connectableNetworks).toEqual([
      'bluesky',
      'mastodon',
      'x',
      'facebook',
      'instagram',
      'google_reviews',
      'webhook',
      'replay',
    ]);
    expect(filterNetworks).toEqual([
      'bluesky',
      'mastodon',
      'x',
      'facebook',
      'instagram',
      'google_reviews',
      'webhook',
      'import',
    ]);
  });

  it('shows an example of the credentials each connectable network asks for', () => {
    expect(Object.fromEntries(connectableNetworks.map((n) => [n, credentialsExample(n)]))).toEqual({
      bluesky:
        '{ "service": "https://bsky.social", "identifier": "brand.bsky.social", "appPassword": "xxxx-xxxx-xxxx-xxxx" }',
      mastodon: '{ "instanceUrl": "https://mastodon.social", "accessToken": "…" }',
      x: '{ "accessToken": "…", "userId": "12345" }',
      facebook:
        '{ "pageId": "…", "pageAccessToken": "…", "appSecret": "…", "verifyToken": "a long random string" }',
      instagram:
        '{ "pageId": "…", "pageAccessToken": "…", "appSecret": "…", "verifyToken": "a long random string" }',
      google_reviews: '{ "accountId": "…", "locationId": "…", "accessToken": "…" }',
      webhook: '{ "name": "Contact form", "secret": "at least 32 characters" }',
      replay: '{ "speed": 60, "minutes": 60 }',
    });
  });

  it('labels each network, and shows an unknown one as sent', () => {
    expect(networks.map(networkName)).toEqual([
      'Bluesky',
      'Mastodon',
      'X',
      'Facebook',
      'Instagram',
      'Reddit',
      'Google reviews',
      'Reviews',
      'Webhook',
      'Import',
      'Replay',
    ]);
    expect(networkName('toString')).toBe('toString');
  });
});
