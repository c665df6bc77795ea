// Another Earshot process for the shared-source lease test: runs a channel runner on the given
// database and prints, every 200 ms, the shared sources it consumes (one JSON line each time).
import pino from 'pino';
import { createChannelRegistry } from '../../src/pipeline/intake/channel-registry.ts';
import { startChannelRunner } from '../../src/pipeline/intake/channel-runner.ts';
import { openStore } from '../../src/store/connect.ts';
import { localEgress } from '../helpers/egress.ts';

const [databaseUrl, secretKeyHex] = process.argv.slice(2);
if (!databaseUrl || !secretKeyHex)
  throw new Error('usage: child-runner.ts DATABASE_URL SECRET_KEY_HEX');
const store = await openStore({ databaseUrl, poolSize: 2 });
const runner = await startChannelRunner({
  store,
  services: {
    registry: createChannelRegistry({ egress: localEgress }),
    secretKey: Buffer.from(secretKeyHex, 'hex'),
  },
  // Warnings go to stderr, which the test shows.
  logger: pino({ level: 'warn' }, pino.destination(2)),
  sharedRetryMs: 1_000,
});
const report = () => process.stdout.write(`${JSON.stringify(runner.sharedSources())}\n`);
report();
const timer = setInterval(report, 200);
process.on('SIGTERM', () => {
  clearInterval(timer);
  void runner
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
