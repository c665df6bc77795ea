import { eraseContact, exportContactData } from '../../app/contacts/privacy-requests.ts';
import { createRouter, defineRoute } from '../openapi.ts';
import { useCaseContext } from '../use-case-context.ts';
import { jsonBody, jsonResponse } from '../schemas/common.schema.ts';
import { ContactParams } from '../schemas/moderation.schema.ts';
import { ContactExportSchema, EraseBody, ErasureSchema } from '../schemas/privacy.schema.ts';

const contact = '/api/v1/workspaces/{workspaceId}/contacts/{contactId}';

const exportData = defineRoute({
  method: 'get',
  path: `${contact}/export`,
  access: 'workspace',
  role: 'admin',
  tags: ['contacts', 'privacy'],
  summary:
    "A customer's request to see their data: everything Earshot holds about the contact and the contacts linked to it as the same person (JSON). Each export is recorded.",
  request: { params: ContactParams },
  responses: { 200: jsonResponse(ContactExportSchema, 'Everything held about the customer') },
});

const erase = defineRoute({
  method: 'post',
  path: `${contact}/erase`,
  access: 'workspace',
  role: 'owner',
  tags: ['contacts', 'privacy'],
  summary:
    "A customer's request to be erased: their personal data and texts (and those of the contacts linked to them) become a tombstone; rows and counts stay; recorded with the reason; cannot be undone (a second request answers 409 contact_already_erased). Not moderation: the moderation log is untouched.",
  request: { params: ContactParams, ...jsonBody(EraseBody) },
  responses: { 200: jsonResponse(ErasureSchema, 'What was erased') },
});

export const privacyRoutes = createRouter()
  .openapi(exportData, async (c) => {
    const { contactId } = c.req.valid('param');
    const data = await exportContactData(useCaseContext(c.var), contactId);
    c.header('content-disposition', `attachment; filename="earshot-contact-${contactId}.json"`);
    return c.json(data, 200);
  })
  .openapi(erase, async (c) => {
    const { contactId } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    return c.json(await eraseContact(useCaseContext(c.var), contactId, reason), 200);
  });
