import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { contactOnNetwork } from './contact-on-network.ts';
import { noDueAt } from './conversations.repository.ts';
import { inboxConditions, inboxViews } from './inbox-filter.ts';
import type { InboxFilter, InboxView } from './inbox-filter.ts';
import type { Database } from './schema.ts';

interface Position {
  priority: number;
  dueAt: string;
  id: string;
}

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.priority, position.dueAt, position.id])).toString(
    'base64url',
  );
}

/** Undefined for a cursor we did not make (the API answers 400). */
export function decodeCursor(cursor: string): Position | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      Number.isInteger(value[0]) &&
      typeof value[1] === 'string' &&
      !Number.isNaN(Date.parse(value[1])) &&
      typeof value[2] === 'string' &&
      /^[0-9a-f-]{36}$/.test(value[2])
    ) {
      return { priority: value[0] as number, dueAt: value[1], id: value[2] };
    }
  } catch {
    // fall through
  }
  return undefined;
}

/** The conversation's newest rated review: its stars, the site's value and scale, and the site. */
function newestRating(eb: ExpressionBuilder<Database & { c: Database['conversations'] }, 'c'>) {
  return eb
    .selectFrom('mentions as rm')
    .select(['rm.rating', 'rm.rating_value', 'rm.rating_scale', 'rm.review_site'])
    .whereRef('rm.conversation_id', '=', 'c.id')
    .where('rm.rating', 'is not', null)
    .orderBy('rm.posted_at', 'desc')
    .limit(1)
    .as('rated');
}

function selectInboxRows(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('brands as b', 'b.id', 'c.brand_id')
    .leftJoinLateral(contactOnNetwork, (join) => join.onTrue())
    .leftJoinLateral(newestRating, (join) => join.onTrue())
    .select([
      'c.id',
      'c.status',
      'c.priority',
      'c.network',
      'c.preview',
      'c.assignee_id',
      'c.team_id',
      'c.tags',
      'c.sentiment',
      'c.needs_reply',
      'c.first_response_due_at',
      'c.due_at',
      'c.last_message_at',
      'c.updated_at',
      'c.mention_count',
      'c.is_spam',
      'c.contact_id',
      'b.id as brand_id',
      'b.name as brand_name',
      'who.handle',
      'who.display_name',
      'rated.rating',
      'rated.rating_value',
      'rated.rating_scale',
      'rated.review_site',
    ])
    .where('c.workspace_id', '=', workspaceId);
}

type InboxRow = Awaited<ReturnType<ReturnType<typeof selectInboxRows>['executeTakeFirstOrThrow']>>;

function toInboxItem(row: InboxRow) {
  return {
    id: row.id,
    status: row.status,
    priority: row.priority,
    brand: { id: row.brand_id, name: row.brand_name },
    network: row.network,
    contact: { id: row.contact_id, handle: row.handle ?? '', displayName: row.display_name },
    preview: row.preview,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    tags: row.tags,
    sentiment: row.sentiment,
    needsReply: row.needs_reply,
    firstResponseDueAt: row.first_response_due_at?.toISOString() ?? null,
    dueAt: row.due_at.getTime() === noDueAt.getTime() ? null : row.due_at.toISOString(),
    lastMessageAt: row.last_message_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    mentionCount: row.mention_count,
    spam: row.is_spam,
    rating:
      row.rating === null || row.rating === undefined
        ? null
        : {
            stars: row.rating,
            value: row.rating_value ?? row.rating,
            scale: row.rating_scale ?? 5,
            site: row.review_site ?? row.network,
          },
  };
}

export type InboxItem = ReturnType<typeof toInboxItem>;

/**
 * One page of the inbox, most urgent first (priority, then the nearest SLA due time), with
 * keyset pagination so page 1,000 costs what page 1 does.
 */
export async function listInbox(
  db: Kysely<Database>,
  workspaceId: string,
  filter: InboxFilter,
  position?: Position,
): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  let query = selectInboxRows(db, workspaceId).where((eb) => inboxConditions(eb, filter));
  if (position) {
    const dueAt = new Date(position.dueAt);
    // The first condition is redundant, but an index can seek to it: a deep page skips the
    // more urgent rows instead of reading past them.
    query = query
      .where('c.priority', '<=', position.priority)
      .where((eb) =>
        eb.or([
          eb('c.priority', '<', position.priority),
          eb.and([
            eb('c.priority', '=', position.priority),
            eb.or([
              eb('c.due_at', '>', dueAt),
              eb.and([eb('c.due_at', '=', dueAt), eb('c.id', '>', position.id)]),
            ]),
          ]),
        ]),
      );
  }
  const rows = await query
    .orderBy('c.priority', 'desc')
    .orderBy('c.due_at', 'asc')
    .orderBy('c.id', 'asc')
    .limit(filter.limit + 1)
    .execute();
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > filter.limit && last
      ? encodeCursor({ priority: last.priority, dueAt: last.due_at.toISOString(), id: last.id })
      : null;
  return { items: page.map(toInboxItem), nextCursor };
}

/** The same item shape for one conversation (the detail page's header). */
export async function findInboxItem(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
): Promise<InboxItem | undefined> {
  const row = await selectInboxRows(db, workspaceId)
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  return row ? toInboxItem(row) : undefined;
}

/** Whether the workspace has this conversation (one primary-key lookup). */
export async function conversationExists(
  db: Kysely<Database>,
  workspaceId: string,
  conversationId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('conversations')
    .select('id')
    .where('id', '=', conversationId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Counts above this read as "1,000+": a tab's badge needs no exact figure, and stays cheap. */
export const viewCountCap = 1000;

/**
 * How many conversations each inbox view holds under the same filters (the view itself aside),
 * each counted up to `viewCountCap`.
 */
export async function countInboxViews(
  db: Kysely<Database>,
  workspaceId: string,
  filter: Omit<InboxFilter, 'view' | 'limit'>,
): Promise<Record<InboxView, number>> {
  // One round trip: each view's capped count is its own index walk, joined by UNION ALL.
  const [first, ...rest] = inboxViews.map((view) =>
    db
      .selectFrom(
        db
          .selectFrom('conversations as c')
          .select(sql`1`.as('one'))
          .where('c.workspace_id', '=', workspaceId)
          .where((eb) => inboxConditions(eb, { ...filter, view, limit: viewCountCap }))
          .limit(viewCountCap)
          .as('x'),
      )
      .select([sql<InboxView>`${view}::text`.as('view'), sql<number>`count(*)::int`.as('n')]),
  );
  const rows = await rest.reduce((query, part) => query.unionAll(part), first!).execute();
  const counts = {} as Record<InboxView, number>;
  for (const row of rows) counts[row.view] = row.n;
  return counts;
}
