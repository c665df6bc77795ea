import type { Kysely } from 'kysely';
import {
  countChannelAccountsByStatus,
  findOldestLastHeard,
} from '../store/channel-health.repository.ts';
import type { Database } from '../store/schema.ts';

const label = (value: string) => value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));

/**
 * Channel health in Prometheus' text format: accounts by network and status (alert on
 * status="error" > 0), and per network the seconds since the longest-silent listened-to account
 * last heard from the network. No account ids or names: /metrics spans every workspace.
 */
export async function renderChannelMetrics(db: Kysely<Database>, now: Date): Promise<string> {
  const [counts, heard] = await Promise.all([
    countChannelAccountsByStatus(db),
    findOldestLastHeard(db),
  ]);
  const lines = [
    '# HELP earshot_channel_accounts Connected channel accounts by network and status.',
    '# TYPE earshot_channel_accounts gauge',
    ...counts.map(
      (row) =>
        `earshot_channel_accounts{network="${label(row.network)}",status="${row.status}"} ${Number(row.count)}`,
    ),
    '# HELP earshot_channel_seconds_since_heard Seconds since the longest-silent listening account of a network last heard from it.',
    '# TYPE earshot_channel_seconds_since_heard gauge',
    ...heard.map((row) => {
      const at = row.lastHeardAt ? new Date(row.lastHeardAt).getTime() : now.getTime();
      const seconds = Math.max(0, Math.round((now.getTime() - at) / 1000));
      return `earshot_channel_seconds_since_heard{network="${label(row.network)}"} ${seconds}`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}
