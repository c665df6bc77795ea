// Another Earshot process for the SLA test: runs the SLA scheduler against the given PostgreSQL
// database, logging each pass (JSON lines on stdout) so the test can see that both took part.
import pino from 'pino';
import { startSlaScheduler } from '../../src/pipeline/sla/sla-scheduler.ts';
import { openStore } from '../../src/store/connect.ts';

const [databaseUrl, workerName] = process.argv.slice(2);
if (!databaseUrl || !workerName) throw new Error('usage: sla-child.ts DATABASE_URL NAME');

const store = await openStore({ databaseUrl, poolSize: 4 });
const scheduler = await startSlaScheduler({
  store,
  logger: pino({ level: 'debug', base: { worker: workerName } }),
  pollMs: 50,
});
process.stdout.write('{"msg":"ready"}\n');
process.on('SIGTERM', () => {
  void scheduler
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
