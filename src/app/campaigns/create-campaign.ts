import type { EntryMode, ShareKind } from '../../domain/campaign.ts';
import { findBrand } from '../../store/brands.repository.ts';
import { insertCampaign } from '../../store/campaigns.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';

/** What a member enters to start a share contest. */
export interface CampaignInput {
  name: string;
  brandId: string;
  posts: { network: string; externalId: string }[];
  startsAt: Date;
  endsAt: Date;
  requiredHashtag: string | null;
  entryMode: EntryMode;
  excludedAuthorIds: string[];
  shareKinds: ShareKind[];
  minAccountAgeDays: number | null;
  budgetCents: number | null;
}

/** Keeps a campaign on the brand's own posts; its shares are counted from what is heard. */
export async function createCampaign(
  context: UseCaseContext,
  input: CampaignInput,
): Promise<{ id: string }> {
  const { workspaceId } = context;
  if (input.endsAt.getTime() <= input.startsAt.getTime()) {
    throw new AppError('validation_failed', 'a campaign must end after it starts', {
      field: 'endsAt',
    });
  }
  return context.store.db.transaction().execute(async (tx) => {
    if (!(await findBrand(tx, workspaceId, input.brandId))) {
      throw new AppError('brand_not_found', 'no such brand in this workspace');
    }
    const posts = [
      ...new Map(input.posts.map((post) => [`${post.network}:${post.externalId}`, post])).values(),
    ];
    const id = await insertCampaign(tx, {
      ...input,
      posts,
      requiredHashtag: input.requiredHashtag?.replace(/^#/, '') || null,
      shareKinds: [...new Set(input.shareKinds)],
      workspaceId,
      userId: context.userId,
      now: context.now,
    });
    return { id };
  });
}
