import { findTag, removeTag as markRemoved } from '../../store/tags.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';
import { recordTagEvent } from './tag-catalogue.ts';

/** Takes a tag off the list; conversations that carry it keep it. Removing it again: no change. */
export async function removeTag(context: UseCaseContext, tagId: string): Promise<void> {
  const { workspaceId } = context;
  await context.store.db.transaction().execute(async (tx) => {
    const tag = await findTag(tx, workspaceId, tagId);
    if (!tag) throw new AppError('tag_not_found', 'no such tag');
    if (tag.deleted_at) return;
    await markRemoved(tx, workspaceId, tagId, context.now);
    await recordTagEvent(tx, context, 'tag.removed', { tagId, name: tag.name });
  });
}
