// The process the crash test kills: imports one twcs file into the store named by the
// environment (DATABASE_URL, or PGlite under EARSHOT_DATA_DIR), printing each stored batch.
import path from 'node:path';
import { importFile } from '../../src/pipeline/intake/import-file.ts';
import { openStore } from '../../src/store/connect.ts';

const [file, workspaceId, brandId] = process.argv.slice(2);
if (!file || !workspaceId || !brandId)
  throw new Error('usage: child-import.ts FILE WORKSPACE_ID BRAND_ID');
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = path.join(process.env.EARSHOT_DATA_DIR ?? 'data', 'pglite');
const store = await openStore(databaseUrl ? { databaseUrl, poolSize: 1 } : { dataDir });
process.stdout.write('open\n');
let reported = 0;
const summary = await importFile(store.db, {
  workspaceId,
  brandId,
  format: 'twcs',
  path: file,
  onProgress: ({ records }) => {
    if (records === reported) return;
    reported = records;
    process.stdout.write(`stored ${records}\n`);
  },
});
await store.close();
process.stdout.write(`${JSON.stringify(summary)}\n`);
