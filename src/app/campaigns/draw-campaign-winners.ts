import { randomBytes } from 'node:crypto';
import { drawWinners } from '../../domain/campaign-draw.ts';
import type { DrawMethod, DrawResult } from '../../domain/campaign-draw.ts';
import { insertDraw } from '../../store/campaigns.repository.ts';
import type { UseCaseContext } from '../use-case.ts';
import { campaignStanding } from './campaign-standing.ts';

/**
 * Picks a campaign's winners from the shares counted now and records the pick with everything
 * needed to repeat it: the method, the published seed (one is made when none is given), the
 * entrants in the order the draw read them, and the winners.
 */
export async function drawCampaignWinners(
  context: UseCaseContext,
  campaignId: string,
  pick: { method: DrawMethod; winners: number; seed: string | null },
): Promise<DrawResult & { id: string }> {
  const { board } = await campaignStanding(context.store, context.workspaceId, campaignId);
  const seed = pick.method === 'random' ? (pick.seed ?? randomBytes(16).toString('hex')) : null;
  const result = drawWinners(board, pick.method, pick.winners, seed);
  const id = await insertDraw(context.store.db, {
    ...result,
    workspaceId: context.workspaceId,
    campaignId,
    winnerCount: pick.winners,
    userId: context.userId,
    now: context.now,
  });
  return { id, ...result };
}
