import { z } from 'zod';

// Only the fields Earshot reads; Meta adds fields freely, so objects are loose.
const id = z.union([z.string().min(1), z.number().transform(String)]);

export const feedValueSchema = z.looseObject({
  item: z.string(),
  verb: z.string(),
  from: z.looseObject({ id, name: z.string().optional() }).optional(),
  message: z.string().optional(),
  post_id: id.optional(),
  comment_id: id.optional(),
  parent_id: id.optional(),
  created_time: z.number().optional(),
  post: z.looseObject({ permalink_url: z.string().optional() }).optional(),
});

export const instagramCommentValueSchema = z.looseObject({
  id,
  text: z.string().optional(),
  from: z.looseObject({ id, username: z.string().optional() }),
  media: z.looseObject({ id }),
  parent_id: id.optional(),
});

export const messagingSchema = z.looseObject({
  sender: z.looseObject({ id }),
  recipient: z.looseObject({ id }),
  timestamp: z.number(),
  message: z
    .looseObject({
      mid: z.string(),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      attachments: z.array(z.looseObject({ type: z.string() })).optional(),
      reply_to: z.looseObject({ mid: z.string().optional() }).optional(),
    })
    .optional(),
});

const changeSchema = z.looseObject({ field: z.string(), value: z.unknown() });

const entrySchema = z.looseObject({
  id,
  time: z.number(),
  changes: z.array(changeSchema).optional(),
  messaging: z.array(z.unknown()).optional(),
});

export const metaBodySchema = z.looseObject({
  object: z.string(),
  entry: z.array(entrySchema),
});

export type MetaEntry = z.infer<typeof entrySchema>;
