import type { Kysely } from 'kysely';
import { contactOnNetwork } from './contact-on-network.ts';
import { newId } from './ids.ts';
import type { Database } from './schema.ts';

const columns = [
  'id',
  'team_id',
  'name',
  'body',
  'created_by',
  'created_at',
  'updated_at',
] as const;

export async function insertCannedResponse(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    teamId: string | null;
    name: string;
    body: string;
    createdBy: string;
    now: Date;
  },
) {
  return db
    .insertInto('canned_responses')
    .values({
      id: newId(),
      workspace_id: input.workspaceId,
      team_id: input.teamId,
      name: input.name,
      body: input.body,
      created_by: input.createdBy,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function updateCannedResponse(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
  patch: { name?: string; body?: string; teamId?: string | null },
  now: Date,
) {
  return db
    .updateTable('canned_responses')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      ...(patch.teamId !== undefined ? { team_id: patch.teamId } : {}),
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
}

export async function findCannedResponse(db: Kysely<Database>, workspaceId: string, id: string) {
  return db
    .selectFrom('canned_responses')
    .select(columns)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The workspace's shared responses, and a team's own when a team is named. */
export async function listCannedResponses(
  db: Kysely<Database>,
  workspaceId: string,
  teamId?: string,
) {
  return db
    .selectFrom('canned_responses')
    .select(columns)
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      teamId ? eb.or([eb('team_id', 'is', null), eb('team_id', '=', teamId)]) : eb.lit(true),
    )
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** What a canned response's variables are filled from, for one conversation. */
export async function findRenderContext(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('brands as b', 'b.id', 'c.brand_id')
    .innerJoin('contacts as k', 'k.id', 'c.contact_id')
    .leftJoinLateral(contactOnNetwork, (join) => join.onTrue())
    .select([
      'c.id',
      'c.network',
      'b.name as brand_name',
      'k.display_name as contact_name',
      'who.display_name as identity_name',
      'who.handle',
    ])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
}
