import { z } from '@hono/zod-openapi';
import { shareKinds } from '../../domain/campaign.ts';
import { networks } from '../../domain/network.ts';
import { Name, Uuid, WorkspaceParams } from './common.schema.ts';

export const CampaignParams = WorkspaceParams.extend({ campaignId: Uuid });

export const CreateCampaignBody = z
  .strictObject({
    name: Name,
    brandId: Uuid,
    posts: z
      .array(
        z.strictObject({
          network: z.enum(networks),
          externalId: z.string().trim().min(1).max(500).openapi({
            description: "The network's id of the brand's post (an at:// URI on Bluesky)",
          }),
        }),
      )
      .min(1)
      .max(20),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    requiredHashtag: z
      .string()
      .trim()
      .regex(/^#?[\p{L}\p{N}_]{1,100}$/u, 'one hashtag: letters, digits and underscores')
      .nullable()
      .default(null),
    entryMode: z.enum(['per_person', 'per_share']).default('per_person'),
    excludedAuthorIds: z
      .array(z.string().trim().min(1).max(500))
      .max(500)
      .default([])
      .openapi({ description: "Staff accounts left out, by the network's id for them" }),
    budgetCents: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
    shareKinds: z
      .array(z.enum(shareKinds))
      .min(1)
      .max(shareKinds.length)
      .default(['reply'])
      .openapi({
        description:
          'What counts: replies in the thread of a campaign post, quotes of it, reposts of it',
      }),
    minAccountAgeDays: z.number().int().min(1).max(36_500).nullable().default(null).openapi({
      description:
        "How old a sharer's account must be, in days; an account of unknown age does not count",
    }),
  })
  .openapi('CreateCampaignBody');

export const DrawBody = z
  .strictObject({
    method: z.enum(['most_shares', 'random']),
    winners: z.number().int().min(1).max(100),
    seed: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .default(null)
      .openapi({ description: 'The published seed of a random draw; one is made if absent' }),
  })
  .openapi('CampaignDrawBody');

export const CampaignSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    brandId: z.string(),
    posts: z.array(z.object({ network: z.string(), externalId: z.string() })),
    startsAt: z.string(),
    endsAt: z.string(),
    requiredHashtag: z.string().nullable(),
    entryMode: z.enum(['per_person', 'per_share']),
    excludedAuthorIds: z.array(z.string()),
    budgetCents: z.number().nullable(),
    createdAt: z.string(),
    shareKinds: z.array(z.enum(shareKinds)),
    minAccountAgeDays: z.number().nullable(),
  })
  .openapi('Campaign');

const ByKind = z.object({ reply: z.number(), quote: z.number(), repost: z.number() });

export const DrawSchema = z
  .object({
    id: z.string(),
    method: z.enum(['most_shares', 'random']),
    seed: z.string().nullable(),
    winnerCount: z.number(),
    entrantIds: z.array(z.string()),
    winnerIds: z.array(z.string()),
    drawnBy: z.string().nullable(),
    drawnAt: z.string(),
  })
  .openapi('CampaignDraw');

export const CampaignDetailSchema = CampaignSchema.extend({
  tieBreak: z.string(),
  leaderboard: z.array(
    z.object({
      rank: z.number(),
      authorExternalId: z.string(),
      authorHandle: z.string(),
      shares: z.number(),
      entries: z.number(),
      firstSharedAt: z.string(),
      followers: z.number().nullable(),
      byKind: ByKind,
    }),
  ),
  shares: z.array(
    z.object({
      mentionId: z.string().nullable().openapi({ description: 'null for a repost' }),
      repostId: z.string().nullable().openapi({ description: 'null for a reply or a quote' }),
      kind: z.enum(shareKinds),
      externalId: z.string(),
      network: z.string(),
      authorExternalId: z.string(),
      authorHandle: z.string(),
      text: z.string(),
      url: z.string().nullable(),
      postedAt: z.string(),
      sentiment: z.string().nullable(),
    }),
  ),
  report: z.object({
    shares: z.number(),
    uniqueSharers: z.number(),
    reach: z.number(),
    sentiment: z.record(z.string(), z.number()),
    costPerShareCents: z.number().nullable(),
    sharesByKind: ByKind,
    refused: z.record(z.string(), z.number()).openapi({
      description:
        'Replies, quotes and reposts of the campaign posts heard but not counted, by reason: ' +
        'kind_not_counted, outside_window, missing_hashtag, excluded_author, spam, ' +
        'account_age_unknown (counted once the age is known), account_too_young',
    }),
    newVoices: z.object({
      count: z.number(),
      listed: z.array(
        z.object({
          network: z.string(),
          authorExternalId: z.string(),
          authorHandle: z.string(),
          firstPostedAt: z.string(),
        }),
      ),
    }),
  }),
  draws: z.array(DrawSchema),
}).openapi('CampaignDetail');
