import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { linkSamePerson, unlinkSamePerson } from '../../app/contacts/link-same-person.ts';
import { findInboxItem } from '../../store/inbox.queries.ts';
import {
  findPersonKey,
  listContactsConversations,
  listContactsWithIdentities,
  listPersonContactIds,
} from '../../store/customer-history.repository.ts';
import { searchContacts } from '../../store/customer-history-links.repository.ts';
import type { Database } from '../../store/schema.ts';
import { ApiError } from '../errors.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { Uuid, WorkspaceParams, jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { ContactParams } from '../schemas/moderation.schema.ts';
import { ConversationParams } from '../schemas/conversation.schema.ts';

const tags = ['contacts'];
const contactPath = '/api/v1/workspaces/{workspaceId}/contacts';
const historyLimit = 100;

const ContactSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    linked: z.boolean().openapi({ description: 'Linked by an agent to other contacts' }),
    identities: z.array(
      z.object({
        network: z.string(),
        handle: z.string(),
        displayName: z.string().nullable(),
        url: z.string().nullable(),
      }),
    ),
  })
  .openapi('Contact');
const PersonSchema = z.object({ contacts: z.array(ContactSchema) }).openapi('Person');
const HistorySchema = z
  .object({
    contacts: z.array(ContactSchema),
    conversations: z.array(
      z.object({
        id: z.string(),
        network: z.string(),
        status: z.string(),
        preview: z.string(),
        contactId: z.string(),
        brand: z.object({ id: z.string(), name: z.string() }),
        lastMessageAt: z.string(),
        createdAt: z.string(),
      }),
    ),
  })
  .openapi('CustomerHistory');

const history = defineRoute({
  method: 'get',
  path: '/api/v1/workspaces/{workspaceId}/conversations/{conversationId}/customer-history',
  access: 'workspace',
  role: 'viewer',
  tags,
  summary:
    "The customer's other conversations on every network and in every status, newest first (at most 100), and who the customer is on each network",
  request: { params: ConversationParams },
  responses: { 200: jsonResponse(HistorySchema, 'The customer and their other conversations') },
});
const search = defineRoute({
  method: 'get',
  path: contactPath,
  access: 'workspace',
  role: 'viewer',
  tags,
  summary:
    'Contacts whose handle or name on any network contains q, or the newest without q (at most 20)',
  request: {
    params: WorkspaceParams,
    query: z.object({ q: z.string().trim().min(1).max(100).optional() }),
  },
  responses: { 200: jsonResponse(z.object({ items: z.array(ContactSchema) }), 'Contacts') },
});
const link = defineRoute({
  method: 'post',
  path: `${contactPath}/{contactId}/same-person`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary:
    'Say this contact is the same person as another (and so is everyone already linked to it); recorded as contact.linked. Linking again changes nothing.',
  request: { params: ContactParams, ...jsonBody(z.strictObject({ contactId: Uuid })) },
  responses: { 200: jsonResponse(PersonSchema, "The person's contacts") },
});
const unlink = defineRoute({
  method: 'delete',
  path: `${contactPath}/{contactId}/same-person`,
  access: 'workspace',
  role: 'agent',
  tags,
  summary:
    'Take this contact out of the person it was linked to (recorded as contact.unlinked); the others stay linked',
  request: { params: ContactParams },
  responses: { 200: jsonResponse(PersonSchema, 'The contact, on its own again') },
});

async function personOf(db: Kysely<Database>, workspaceId: string, contactId: string) {
  const key = await findPersonKey(db, workspaceId, contactId);
  if (key === undefined) throw new ApiError(404, 'contact_not_found', 'no such contact');
  const ids = await listPersonContactIds(db, workspaceId, key);
  return { ids, contacts: await listContactsWithIdentities(db, workspaceId, ids) };
}

export const customerHistoryRoutes = createRouter()
  .openapi(history, async (c) => {
    const { conversationId } = c.req.valid('param');
    const { db } = c.var.deps.store;
    const ws = c.var.workspaceId;
    const conversation = await findInboxItem(db, ws, conversationId);
    if (!conversation) throw new ApiError(404, 'conversation_not_found', 'no such conversation');
    const person = await personOf(db, ws, conversation.contact.id);
    const conversations = await listContactsConversations(db, ws, person.ids, historyLimit + 1);
    return c.json(
      {
        contacts: person.contacts,
        conversations: conversations
          .filter((item) => item.id !== conversationId)
          .slice(0, historyLimit),
      },
      200,
    );
  })
  .openapi(search, async (c) => {
    const { q } = c.req.valid('query');
    const { db } = c.var.deps.store;
    const ids = await searchContacts(db, c.var.workspaceId, q ?? '', 20);
    return c.json({ items: await listContactsWithIdentities(db, c.var.workspaceId, ids) }, 200);
  })
  .openapi(link, async (c) => {
    const { contactId } = c.req.valid('param');
    await linkSamePerson(useCaseContext(c.var), contactId, c.req.valid('json').contactId);
    const person = await personOf(c.var.deps.store.db, c.var.workspaceId, contactId);
    return c.json({ contacts: person.contacts }, 200);
  })
  .openapi(unlink, async (c) => {
    const { contactId } = c.req.valid('param');
    await unlinkSamePerson(useCaseContext(c.var), contactId);
    const person = await personOf(c.var.deps.store.db, c.var.workspaceId, contactId);
    return c.json({ contacts: person.contacts }, 200);
  });
