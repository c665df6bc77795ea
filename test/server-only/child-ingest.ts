// Another Earshot process for the realtime test: ingests one mention into the given database.
import { ingestMentions } from '../../src/pipeline/intake/ingest.ts';
import { openStore } from '../../src/store/connect.ts';

const [databaseUrl, workspaceId, brandId, externalId] = process.argv.slice(2);
if (!databaseUrl || !workspaceId || !brandId || !externalId)
  throw new Error('usage: child-ingest.ts DATABASE_URL WORKSPACE BRAND EXTERNAL_ID');
const store = await openStore({ databaseUrl, poolSize: 1 });
await ingestMentions(
  store.db,
  {
    workspaceId,
    brandId,
    mentions: [
      {
        network: 'mastodon',
        externalId,
        text: 'Posted from another process',
        author: { externalId: 'acct-77', handle: 'someone@example.social' },
        postedAt: new Date(),
        isPrivate: false,
        raw: {},
      },
    ],
  },
  new Date(),
);
await store.close();
