import { readConfig } from '../../src/config.ts';
import { createEgress } from '../../src/security/egress.ts';

/**
 * The egress policy of an installation that opted in (EARSHOT_ALLOW_PRIVATE_EGRESS=true): what
 * every test talking to a local fake platform, network or receiver needs.
 */
export const localEgress = createEgress({
  allowPrivate: readConfig({ EARSHOT_ALLOW_PRIVATE_EGRESS: 'true' }).allowPrivateEgress,
});
