import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** A deletion or edit by a post's author, as the store applies it. */
export interface StoredMentionChange {
  externalId: string;
  kind: 'deleted' | 'edited';
  at: Date;
  /** The new text, for edits; an edit without it only marks the post edited. */
  text?: string | undefined;
}

/** A mention a change actually altered (one that changed nothing is not returned). */
export interface AppliedMentionChange {
  mentionId: string;
  conversationId: string;
  contactId: string | null;
  kind: 'deleted' | 'edited';
  at: Date;
}

/**
 * Marks a held post deleted, or makes an edit's text current while keeping the earlier text in
 * `edits`. Only posts of this workspace and network are touched; a change for a post we do not
 * hold changes nothing. Applying a change twice changes nothing the second time: a deletion
 * keeps its first time, an edit applies only if it is newer than the last one and says something
 * new. A deleted post takes no later edit (its last words stay what the agent saw).
 */
export async function applyStoredMentionChanges(
  db: Kysely<Database>,
  workspaceId: string,
  network: string,
  changes: readonly StoredMentionChange[],
): Promise<AppliedMentionChange[]> {
  const applied: AppliedMentionChange[] = [];
  for (const change of changes) {
    const row =
      change.kind === 'deleted'
        ? await markDeleted(db, workspaceId, network, change)
        : await applyEdit(db, workspaceId, network, change);
    if (row) {
      applied.push({
        mentionId: row.id,
        conversationId: row.conversation_id,
        contactId: row.contact_id,
        kind: change.kind,
        at: change.at,
      });
    }
  }
  return applied;
}

type ChangedRow = { id: string; conversation_id: string; contact_id: string | null };

async function markDeleted(
  db: Kysely<Database>,
  workspaceId: string,
  network: string,
  change: StoredMentionChange,
): Promise<ChangedRow | undefined> {
  const { rows } = await sql<ChangedRow>`
    update mentions m set deleted_at = ${change.at}
    from conversations c
    where m.workspace_id = ${workspaceId} and m.network = ${network}
      and m.external_id = ${change.externalId} and m.deleted_at is null
      and c.id = m.conversation_id
    returning m.id, m.conversation_id, c.contact_id`.execute(db);
  return rows[0];
}

async function applyEdit(
  db: Kysely<Database>,
  workspaceId: string,
  network: string,
  change: StoredMentionChange,
): Promise<ChangedRow | undefined> {
  const at = change.at;
  // In an UPDATE, `m.text` on the right-hand side is the row's old text: it joins the history.
  // An erased post stays erased: an edit on the network never writes its words back.
  const { rows } = await sql<ChangedRow>`
    update mentions m set
      edited_at = ${at},
      text = coalesce(${change.text ?? null}::text, m.text),
      edits = case when ${change.text ?? null}::text is null then m.edits
        else m.edits || jsonb_build_array(jsonb_build_object(
          'text', m.text, 'replacedAt', to_char(${at}::timestamptz at time zone 'UTC',
            'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
        end
    from conversations c
    where m.workspace_id = ${workspaceId} and m.network = ${network}
      and m.external_id = ${change.externalId} and m.deleted_at is null
      and m.erased_at is null
      and (m.edited_at is null or m.edited_at < ${at})
      and (${change.text ?? null}::text is null or ${change.text ?? null}::text <> m.text)
      and c.id = m.conversation_id
    returning m.id, m.conversation_id, c.contact_id`.execute(db);
  return rows[0];
}

/** When the author deleted the post a reply answers, or null (also for no such post). */
export async function findMentionDeletedAt(
  db: Kysely<Database>,
  workspaceId: string,
  mentionId: string,
): Promise<Date | null> {
  const row = await db
    .selectFrom('mentions')
    .select('deleted_at')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', mentionId)
    .executeTakeFirst();
  return row?.deleted_at ?? null;
}

/** Where a mention lives on its network, for a change the outbox learns of (the post is gone). */
export async function findMentionOnNetwork(
  db: Kysely<Database>,
  workspaceId: string,
  mentionId: string,
): Promise<{ network: string; externalId: string } | undefined> {
  const row = await db
    .selectFrom('mentions')
    .select(['network', 'external_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', mentionId)
    .executeTakeFirst();
  return row && { network: row.network, externalId: row.external_id };
}
