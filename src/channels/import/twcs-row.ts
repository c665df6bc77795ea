import { z } from 'zod';

/** The columns of the "Customer Support on Twitter" (twcs) dataset, in file order. */
export const twcsColumns = [
  'tweet_id',
  'author_id',
  'inbound',
  'created_at',
  'text',
  'response_tweet_id',
  'in_response_to_tweet_id',
] as const;

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Twitter's v1.1 created_at, e.g. "Wed Oct 11 06:55:44 +0000 2017".
const twitterDate =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

/** Parses Twitter's created_at strictly: a date that does not exist (Feb 30) is an error, not a roll-over. */
export function parseTwitterDate(value: string): Date | undefined {
  const match = twitterDate.exec(value);
  if (!match) return undefined;
  const [, monthName, day, hour, minute, second, sign, offsetHours, offsetMinutes, year] = match;
  const month = months.indexOf(monthName ?? '');
  if (month === -1) return undefined;
  const utc = Date.UTC(
    Number(year),
    month,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  const check = new Date(utc);
  if (check.getUTCDate() !== Number(day) || check.getUTCMonth() !== month || Number(hour) > 23)
    return undefined;
  if (Number(minute) > 59 || Number(second) > 59) return undefined;
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  return new Date(utc - offset * 60_000);
}

// pandas exports of the dataset sometimes write ids as floats ("119246.0").
const tweetId = z
  .string()
  .regex(/^\d+(?:\.0)?$/, 'must be a numeric tweet id')
  .transform((id) => id.replace(/\.0$/, ''));
const optionalTweetId = z.union([z.literal('').transform(() => undefined), tweetId]);

const twcsRowSchema = z.object({
  tweet_id: tweetId,
  author_id: z.string().trim().min(1, 'is empty'),
  inbound: z.enum(['True', 'False'], { error: 'must be True or False' }),
  created_at: z.string().transform((value, context) => {
    const date = parseTwitterDate(value);
    if (!date) {
      context.addIssue({
        code: 'custom',
        message: `is not a Twitter date: ${JSON.stringify(value.slice(0, 40))}`,
      });
      return z.NEVER;
    }
    return date;
  }),
  text: z.string().refine((text) => text.trim().length > 0, 'is empty'),
  response_tweet_id: z
    .string()
    .refine((ids) => /^(?:\d+(?:,\d+)*)?$/.test(ids), 'must be a list of tweet ids'),
  in_response_to_tweet_id: optionalTweetId,
});

export type TwcsRow = z.output<typeof twcsRowSchema>;

/** Checks one record's fields; the reason names the column at fault. */
export function parseTwcsRow(fields: string[]): { row: TwcsRow } | { reason: string } {
  if (fields.length !== twcsColumns.length) {
    return { reason: `expected ${twcsColumns.length} columns, found ${fields.length}` };
  }
  const record = Object.fromEntries(
    twcsColumns.map((column, index) => [column, fields[index] ?? '']),
  );
  const parsed = twcsRowSchema.safeParse(record);
  if (parsed.success) return { row: parsed.data };
  const reason = parsed.error.issues
    .map((issue) => `${issue.path.join('.')} ${issue.message}`)
    .join('; ');
  return { reason };
}

/** Twitter escapes these three in tweet text; anything else is the customer's own text. */
export function unescapeTweetText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
