import {
  findTag,
  insertTag,
  renameTagInRoutingRules,
  renameTagOnConversations,
  updateTag,
} from '../../store/tags.repository.ts';
import type { TagFields, TagRow } from '../../store/tags.repository.ts';
import { AppError } from '../app-error.ts';
import type { UseCaseContext } from '../use-case.ts';
import { checkTagNameFree, recordTagEvent, refusingDuplicateTags } from './tag-catalogue.ts';

/** Adds a tag to the workspace's list; its name must be free. */
export function createTag(context: UseCaseContext, fields: TagFields): Promise<TagRow> {
  const { workspaceId } = context;
  return refusingDuplicateTags(() =>
    context.store.db.transaction().execute(async (tx) => {
      await checkTagNameFree(tx, workspaceId, fields.name);
      const created = await insertTag(tx, workspaceId, fields, context.now);
      await recordTagEvent(tx, context, 'tag.saved', { tagId: created.id, name: created.name });
      return created;
    }),
  );
}

/**
 * Changes a listed tag. A new name is carried over to every conversation and routing rule that
 * uses the old one, in the same transaction, and recorded as tag.renamed with how many moved.
 */
export function editTag(
  context: UseCaseContext,
  tagId: string,
  patch: Partial<TagFields>,
): Promise<TagRow> {
  const { workspaceId: ws, now } = context;
  return refusingDuplicateTags(() =>
    context.store.db.transaction().execute(async (tx) => {
      const before = await findTag(tx, ws, tagId);
      if (!before || before.deleted_at) throw new AppError('tag_not_found', 'no such tag');
      if (patch.name !== undefined) await checkTagNameFree(tx, ws, patch.name, tagId);
      const after = (await updateTag(tx, ws, tagId, patch, now))!;
      if (after.name === before.name) {
        await recordTagEvent(tx, context, 'tag.saved', { tagId, name: after.name });
        return after;
      }
      const conversations = await renameTagOnConversations(tx, ws, before.name, after.name, now);
      const rules = await renameTagInRoutingRules(tx, ws, before.name, after.name, now);
      await recordTagEvent(tx, context, 'tag.renamed', {
        tagId,
        from: before.name,
        to: after.name,
        conversations,
        rules,
      });
      return after;
    }),
  );
}
