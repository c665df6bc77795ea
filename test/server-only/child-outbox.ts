// A second (third…) Earshot process for the multi-process tests: runs the outbox worker against
// the given PostgreSQL database, sending each reply to a local HTTP "network" the test runs.
import pino from 'pino';
import { ChannelSendError } from '../../src/channels/channel.ts';
import { startOutboxWorker } from '../../src/pipeline/outbox/outbox-worker.ts';
import { openStore } from '../../src/store/connect.ts';

const [databaseUrl, networkUrl, workerName] = process.argv.slice(2);
if (!databaseUrl || !networkUrl || !workerName)
  throw new Error('usage: child-outbox.ts DATABASE_URL NETWORK_URL NAME');

const store = await openStore({ databaseUrl, poolSize: 4 });
const worker = await startOutboxWorker({
  store,
  logger: pino({ level: 'silent' }),
  pollMs: 100,
  resolveSender: async () => async (reply) => {
    const response = await fetch(`${networkUrl}/posts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': reply.idempotency_key,
        'x-worker': workerName,
      },
      body: JSON.stringify({ text: reply.text }),
    });
    if (response.status >= 500)
      throw new ChannelSendError(`network answered ${response.status}`, {
        retryable: true,
        retryAfterSeconds: 0,
      });
    if (!response.ok)
      throw new ChannelSendError(`network answered ${response.status}`, { retryable: false });
    const body = (await response.json()) as { id: string };
    return { externalId: body.id };
  },
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
