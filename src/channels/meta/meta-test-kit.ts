import { readFileSync } from 'node:fs';
import { startFakePlatform } from '../../../test/helpers/fake-platform.ts';
import { createMetaChannel, type MetaCredentials } from './meta-channel.ts';
import { localEgress } from '../../../test/helpers/egress.ts';

/** A recorded Meta payload from ./fixtures. */
export const metaFixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

export const metaTestCredentials: MetaCredentials = {
  pageId: '137542570280222',
  pageAccessToken: 'EAAB-page-token',
  appSecret: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
  verifyToken: 'our-verify-token',
  instagramAccountId: '17841405822304914',
};

/** A fake Graph API and both Meta channels pointed at it. */
export async function startFakeGraph() {
  const platform = await startFakePlatform();
  const options = { graphBaseUrl: `${platform.url}/v21.0`, timeoutMs: 500, egress: localEgress };
  return {
    platform,
    facebook: createMetaChannel('facebook', options),
    instagram: createMetaChannel('instagram', options),
  };
}
