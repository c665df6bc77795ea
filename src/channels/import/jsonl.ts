import { parseWebhookBody } from '../webhook/webhook-schema.ts';
import type { ImportRecord } from './import-record.ts';

/**
 * Mentions from a JSON Lines file, one mention per line in the generic webhook's documented
 * format (src/channels/webhook/README.md), streamed. Each line that is not JSON or not a valid
 * mention becomes a rejected record naming the field at fault; blank lines are skipped.
 */
export async function* readMentionsJsonl(
  source: AsyncIterable<string | Uint8Array>,
): AsyncGenerator<ImportRecord> {
  const decoder = new TextDecoder();
  let buffer = '';
  let line = 0;
  for await (const chunk of source) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) !== -1) {
      line += 1;
      const record = readLine(buffer.slice(0, newline), line);
      buffer = buffer.slice(newline + 1);
      if (record) yield record;
    }
  }
  buffer += decoder.decode();
  const last = readLine(buffer, line + 1);
  if (last) yield last;
}

function readLine(text: string, line: number): ImportRecord | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'rejected', line, reason: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'mentions' in value) {
    return { kind: 'rejected', line, reason: 'each line must be one mention object' };
  }
  const parsed = parseWebhookBody(value);
  if (!parsed.ok)
    return {
      kind: 'rejected',
      line,
      reason: parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '),
    };
  const [mention] = parsed.mentions;
  return mention
    ? { kind: 'mention', line, mention: { ...mention, network: 'import' } }
    : undefined;
}
