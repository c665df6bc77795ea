import type { Kysely } from 'kysely';
import type { Conversation } from '../../domain/conversation.ts';
import type { AwaitingSurvey, IntakeLookups } from '../../domain/intake-plan.ts';
import type { MentionAuthor } from '../../domain/mention.ts';
import { resolveContacts } from '../contacts.repository.ts';
import { findConversationsByRoot, toConversation } from '../conversations.repository.ts';
import { findAwaitingSurveys } from '../csat.repository.ts';
import { findStoredMentions } from '../mentions.repository.ts';
import type { Database } from '../schema.ts';

/**
 * Of these external ids (a batch's posts and the posts they answer), the stored ones and their
 * conversations: one lookup answers both which are duplicates and which threads they join.
 */
export async function findStoredThreadMentions(
  db: Kysely<Database>,
  workspaceId: string,
  network: string,
  externalIds: string[],
): Promise<Map<string, string>> {
  const rows = await findStoredMentions(db, workspaceId, network, externalIds);
  return new Map(rows.map((row) => [row.external_id, row.conversation_id]));
}

/** What planIntake needs beyond the stored posts, for a batch's fresh mentions. */
interface IntakeLoadRequest {
  workspaceId: string;
  network: string;
  /** The authors of the fresh mentions: their contacts are found, or created. */
  authors: MentionAuthor[];
  /** The external ids of the fresh mentions' thread roots. */
  threadRoots: string[];
  storedConversationOf: ReadonlyMap<string, string>;
}

/**
 * Loads what a batch of fresh mentions joins, in a fixed number of batched reads whatever its
 * size: the authors' contacts (new ones are created here, in the batch's transaction), the
 * stored conversations of their threads, locked until the batch commits, and the CSAT surveys
 * waiting in those conversations, locked too.
 */
export async function loadIntakeLookups(
  db: Kysely<Database>,
  request: IntakeLoadRequest,
  now: Date,
): Promise<IntakeLookups> {
  const { workspaceId, network } = request;
  const contacts = await resolveContacts(db, workspaceId, network, request.authors, now);
  const conversationOfRoot = new Map<string, string>();
  for (const row of await findConversationsByRoot(db, workspaceId, network, request.threadRoots))
    conversationOfRoot.set(row.root_external_id, row.id);
  const ids = [
    ...new Set([...request.storedConversationOf.values(), ...conversationOfRoot.values()]),
  ];
  const conversations = await lockConversations(db, workspaceId, ids);
  const surveys = await findAwaitingSurveys(db, workspaceId, ids);
  const awaitingSurveys = new Map<string, AwaitingSurvey>(
    surveys.map((survey) => [
      survey.conversation_id,
      { id: survey.id, conversationId: survey.conversation_id, contactId: survey.contact_id },
    ]),
  );
  return {
    storedConversationOf: request.storedConversationOf,
    conversationOfRoot,
    conversations,
    contacts,
    awaitingSurveys,
  };
}

/** Stored conversations by id, locked until the transaction ends, in the order read. */
async function lockConversations(
  db: Kysely<Database>,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, Conversation>> {
  const locked = new Map<string, Conversation>();
  if (ids.length === 0) return locked;
  const rows = await db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .forUpdate()
    .execute();
  for (const row of rows) locked.set(row.id, toConversation(row));
  return locked;
}
