import type { Kysely } from 'kysely';
import { followTheSunHandovers } from '../../domain/business-hours.ts';
import { changeTeam } from '../../domain/conversation.ts';
import { systemActor } from '../../domain/events.ts';
import { listFollowTheSunTeams } from '../../store/sla/business-hours.repository.ts';
import { saveTransition, toConversation } from '../../store/conversations.repository.ts';
import type { Database } from '../../store/schema.ts';
import { claimWaitingInTeams } from '../../store/sla/sla-follow-ups.repository.ts';
import { refreshSlaClocks } from './sla-clock.ts';

/**
 * Follow-the-sun: unassigned conversations waiting in a closed team move to an open team of the
 * same group. Each move is a transfer, recorded with the reason, and the SLA clock is recomputed
 * in the new team's hours. Returns how many moved.
 */
export async function runFollowTheSunOnce(
  db: Kysely<Database>,
  now: Date,
  batchSize = 200,
): Promise<number> {
  let moved = 0;
  for (const [workspaceId, teams] of await listFollowTheSunTeams(db)) {
    const handovers = followTheSunHandovers(teams, now);
    if (handovers.size === 0) continue;
    moved += await db.transaction().execute(async (tx) => {
      const rows = await claimWaitingInTeams(tx, workspaceId, [...handovers.keys()], batchSize);
      for (const row of rows) {
        const transition = changeTeam(
          toConversation(row),
          handovers.get(row.team_id!)!,
          systemActor,
          now,
        );
        if (!transition.ok) continue;
        await saveTransition(tx, {
          ...transition,
          events: transition.events.map((event) => ({
            ...event,
            data: { ...event.data, reason: 'follow_the_sun' },
          })),
        });
      }
      await refreshSlaClocks(
        tx,
        workspaceId,
        rows.map((row) => row.id),
        now,
      );
      return rows.length;
    });
  }
  return moved;
}
