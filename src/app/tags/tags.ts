import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import {
  findLiveTagByName,
  findTag,
  insertTag,
  removeTag as markTagRemoved,
  renameTagInRoutingRules,
  renameTagOnConversations,
  updateTag as saveTagChanges,
} from '../../store/tags.repository.ts';
import type { TagFields } from '../../store/tags.repository.ts';
import { AppError } from '../app-error.ts';
import { recordSettingsEvent } from '../settings-event.ts';
import { isUniqueViolation } from '../unique-violation.ts';
import type { WorkspaceAction } from '../workspace-action.ts';

async function checkNameFree(db: Kysely<Database>, ws: string, name: string, tagId?: string) {
  const holder = await findLiveTagByName(db, ws, name);
  if (holder && holder.id !== tagId)
    throw new AppError('conflict', `a tag named "${holder.name}" already exists`);
}

/** Runs `work` in a transaction; two admins adding the same name at once: the unique index refuses the second. */
async function inTransactionRefusingDuplicates<T>(
  action: WorkspaceAction,
  work: (inTx: WorkspaceAction) => Promise<T>,
): Promise<T> {
  try {
    return await action.db.transaction().execute((tx) => work({ ...action, db: tx }));
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('conflict', 'a tag with that name already exists');
    throw error;
  }
}

/** Adds a tag to the workspace's managed list. */
export function createTag(action: WorkspaceAction, input: TagFields) {
  return inTransactionRefusingDuplicates(action, async (inTx) => {
    await checkNameFree(inTx.db, inTx.workspaceId, input.name);
    const created = await insertTag(inTx.db, inTx.workspaceId, input, inTx.now);
    await recordSettingsEvent(inTx, 'tag.saved', { tagId: created.id, name: created.name });
    return created;
  });
}

/** Changes a tag; a new name is also given to every conversation and routing rule that had the old one. */
export function updateTag(action: WorkspaceAction, tagId: string, patch: Partial<TagFields>) {
  return inTransactionRefusingDuplicates(action, async (inTx) => {
    const { db, workspaceId: ws, now } = inTx;
    const before = await findTag(db, ws, tagId);
    if (!before || before.deleted_at) throw new AppError('tag_not_found', 'no such tag');
    if (patch.name !== undefined) await checkNameFree(db, ws, patch.name, tagId);
    const after = (await saveTagChanges(db, ws, tagId, patch, now))!;
    if (after.name === before.name) {
      await recordSettingsEvent(inTx, 'tag.saved', { tagId, name: after.name });
      return after;
    }
    const conversations = await renameTagOnConversations(db, ws, before.name, after.name, now);
    const rules = await renameTagInRoutingRules(db, ws, before.name, after.name, now);
    await recordSettingsEvent(inTx, 'tag.renamed', {
      tagId,
      from: before.name,
      to: after.name,
      conversations,
      rules,
    });
    return after;
  });
}

/** Takes a tag off the list (conversations keep it); removing it twice is no error. */
export async function removeTag(action: WorkspaceAction, tagId: string): Promise<void> {
  await action.db.transaction().execute(async (tx) => {
    const tag = await findTag(tx, action.workspaceId, tagId);
    if (!tag) throw new AppError('tag_not_found', 'no such tag');
    if (tag.deleted_at) return;
    await markTagRemoved(tx, action.workspaceId, tagId, action.now);
    await recordSettingsEvent({ ...action, db: tx }, 'tag.removed', { tagId, name: tag.name });
  });
}
