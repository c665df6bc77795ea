import { z } from 'zod';
import type { Mention } from '../../domain/mention.ts';

const count = z.number().int().nonnegative();

/** One mention as a sender posts it. Strict: a misspelt field is an error, not a silent loss. */
/** The source a delivery says it is for: the name the webhook account was connected with. */
const account = z.string().min(1).max(200).optional();

const webhookMentionSchema = z
  .object({
    account,
    id: z.string().min(1).max(512),
    text: z.string().min(1).max(100_000),
    author: z
      .object({
        id: z.string().min(1).max(512),
        handle: z.string().min(1).max(512),
        displayName: z.string().max(512).optional(),
        followers: count.optional(),
        url: z.url({ protocol: /^https?$/ }).optional(),
      })
      .strict(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    postedAt: z.iso.datetime({ offset: true }),
    parentId: z.string().min(1).max(512).optional(),
    rootId: z.string().min(1).max(512).optional(),
    private: z.boolean().default(false),
    fromBrand: z.boolean().optional(),
    language: z.string().min(2).max(35).optional(),
    engagement: z
      .object({
        likes: count.optional(),
        reposts: count.optional(),
        replies: count.optional(),
        quotes: count.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type WebhookMention = z.input<typeof webhookMentionSchema>;

const webhookBatchSchema = z
  .object({ account, mentions: z.array(webhookMentionSchema).min(1).max(1000) })
  .strict();

export interface PayloadIssue {
  path: string;
  message: string;
}

type ParsedWebhookBody =
  | {
      ok: true;
      mentions: Mention[];
      /** The account each mention names (its own `account`, else the batch's), if any. */
      namedAccounts: Array<string | undefined>;
    }
  | { ok: false; issues: PayloadIssue[] };

/** Validates a parsed JSON body and turns it into Mentions; each issue names the field at fault. */
export function parseWebhookBody(body: unknown): ParsedWebhookBody {
  const isBatch = typeof body === 'object' && body !== null && 'mentions' in body;
  // Parsed against one branch chosen up front, so errors name real fields instead of a union's.
  const parsed = isBatch
    ? webhookBatchSchema.safeParse(body)
    : webhookMentionSchema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.') || '(body)',
        message: issue.message,
      })),
    };
  }
  const items = 'mentions' in parsed.data ? parsed.data.mentions : [parsed.data];
  const raws: unknown[] = isBatch ? (body as { mentions: unknown[] }).mentions : [body];
  const batchAccount = 'mentions' in parsed.data ? parsed.data.account : undefined;
  return {
    ok: true,
    mentions: items.map((item, index) => toMention(item, raws[index])),
    namedAccounts: items.map((item) => item.account ?? batchAccount),
  };
}

function toMention(item: z.output<typeof webhookMentionSchema>, raw: unknown): Mention {
  return {
    network: 'webhook',
    externalId: item.id,
    text: item.text,
    author: {
      externalId: item.author.id,
      handle: item.author.handle,
      displayName: item.author.displayName,
      followers: item.author.followers,
      url: item.author.url,
    },
    url: item.url,
    postedAt: new Date(item.postedAt),
    parentExternalId: item.parentId,
    rootExternalId: item.rootId,
    isPrivate: item.private,
    fromBrand: item.fromBrand,
    language: item.language,
    engagement: item.engagement,
    raw,
  };
}
