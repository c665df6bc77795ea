import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { storableText } from './storable-text.ts';

/**
 * Of these authors (a workspace's identities on one network), those whose profile was never
 * fetched or was fetched before `staleBefore`. Erased contacts are left alone. An author heard
 * only reposting (no identity) is looked up while their repost lacks their account's age.
 */
export async function findAuthorsNeedingProfile(
  db: Kysely<Database>,
  workspaceId: string,
  network: string,
  externalIds: readonly string[],
  staleBefore: Date,
): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const { rows } = await sql<{ external_id: string }>`
    select ci.external_id
    from unnest(${[...new Set(externalIds)]}::text[]) as wanted (external_id)
    join contact_identities ci
      on ci.workspace_id = ${workspaceId} and ci.network = ${network}
      and ci.external_id = wanted.external_id
    join contacts c on c.id = ci.contact_id
    where c.erased_at is null
      and (ci.profile_fetched_at is null or ci.profile_fetched_at < ${staleBefore})
    union
    select distinct r.author_external_id
    from reposts r
    where r.workspace_id = ${workspaceId} and r.network = ${network}
      and r.author_external_id = any(${[...new Set(externalIds)]}::text[])
      and r.author_created_at is null
      and not exists (
        select 1 from contact_identities ci
        where ci.workspace_id = r.workspace_id and ci.network = r.network
          and ci.external_id = r.author_external_id)`.execute(db);
  return rows.map((row) => row.external_id);
}

/**
 * Caches fetched profiles on the authors' identities: a name replaces the stored one, no name
 * leaves it, and either way the fetch time is kept. A contact still named after the identity's
 * handle (it had no name when first heard) takes the name too. Erased contacts are left alone.
 */
export async function saveAuthorProfiles(
  db: Kysely<Database>,
  workspaceId: string,
  network: string,
  profiles: ReadonlyArray<{
    externalId: string;
    displayName: string | undefined;
    accountCreatedAt?: Date | undefined;
  }>,
  now: Date,
): Promise<void> {
  if (profiles.length === 0) return;
  const ids = profiles.map((profile) => profile.externalId);
  const names = profiles.map((profile) =>
    profile.displayName === undefined ? null : storableText(profile.displayName),
  );
  const created = profiles.map((profile) => profile.accountCreatedAt?.toISOString() ?? null);
  await db.transaction().execute(async (tx) => {
    // Reposters may be no contact: their reposts keep their account's age (ADR 0010).
    await sql`
      update reposts r set author_created_at = fetched.created_at
      from unnest(${ids}::text[], ${created}::timestamptz[]) as fetched (external_id, created_at)
      where r.workspace_id = ${workspaceId} and r.network = ${network}
        and r.author_external_id = fetched.external_id and fetched.created_at is not null
        and r.author_created_at is null`.execute(tx);
    const { rows: named } = await sql<{ contact_id: string; handle: string; name: string }>`
      update contact_identities ci
      set display_name = coalesce(fetched.name, ci.display_name), profile_fetched_at = ${now},
        account_created_at = coalesce(fetched.created_at, ci.account_created_at)
      from unnest(${ids}::text[], ${names}::text[], ${created}::timestamptz[])
          as fetched (external_id, name, created_at),
        contacts c
      where ci.workspace_id = ${workspaceId} and ci.network = ${network}
        and ci.external_id = fetched.external_id and c.id = ci.contact_id
        and c.erased_at is null
      returning ci.contact_id, ci.handle, fetched.name as name`.execute(tx);
    const renamed = named.filter((row) => row.name !== null);
    if (renamed.length === 0) return;
    await sql`
      update contacts c set display_name = renamed.name
      from unnest(
        ${renamed.map((row) => row.contact_id)}::uuid[],
        ${renamed.map((row) => row.handle)}::text[],
        ${renamed.map((row) => row.name)}::text[]
      ) as renamed (contact_id, handle, name)
      where c.id = renamed.contact_id and c.display_name = renamed.handle
        and c.erased_at is null`.execute(tx);
  });
}
