/** One physical CSV record, or the reason it could not be read; `line` is where it starts (1-based). */
export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

interface CsvRecordOptions {
  /** A quoted field longer than this is taken as an unclosed quote, so one stray `"` cannot swallow a whole file. */
  maxRecordLength?: number;
}

type Step =
  | { kind: 'incomplete' }
  | { kind: 'record'; fields: string[]; end: number; newlines: number }
  | { kind: 'error'; reason: string; resumeAt: number; newlines: number };

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Streams RFC 4180 records with their line numbers. csv-parse is not used here because after a
 * quoting error it resumes mid-record and misreads the rows that follow; this reader rejects
 * the broken record alone and resynchronises at the next line, which keeps every other row.
 */
export async function* readCsvRecords(
  source: AsyncIterable<string | Uint8Array>,
  options: CsvRecordOptions = {},
): AsyncGenerator<CsvRecord> {
  const maxRecordLength = options.maxRecordLength ?? 100_000;
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  let line = 1;
  let atEof = false;
  const iterator = source[Symbol.asyncIterator]();
  try {
    yield* records();
  } finally {
    // Stopping early (a bad header, a consumer that breaks) must release the file.
    await iterator.return?.();
  }

  async function* records(): AsyncGenerator<CsvRecord> {
    for (;;) {
      if (!atEof) {
        const next = await iterator.next();
        if (next.done) {
          atEof = true;
          buffer += decoder.decode();
        } else {
          buffer +=
            typeof next.value === 'string'
              ? next.value
              : decoder.decode(next.value, { stream: true });
        }
      }
      let start = 0;
      while (start < buffer.length) {
        const step = parseRecord(buffer, start, atEof, maxRecordLength);
        if (step.kind === 'incomplete') break;
        if (step.kind === 'record') {
          // A blank line is not a record (files often end with one).
          if (!(step.fields.length === 1 && step.fields[0] === ''))
            yield { line, fields: step.fields };
          line += step.newlines;
          start = step.end;
        } else {
          yield { line, error: step.reason };
          line += step.newlines;
          start = step.resumeAt;
        }
      }
      buffer = buffer.slice(start);
      if (atEof && buffer.length === 0) return;
    }
  }
}

function parseRecord(text: string, start: number, atEof: boolean, maxRecordLength: number): Step {
  const fields: string[] = [];
  let field = '';
  let i = start;
  let newlines = 0;
  let fieldStart = true;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (fieldStart && code === QUOTE) {
      const closed = readQuoted(text, i + 1, atEof);
      if (closed === undefined) {
        if (!atEof && text.length - start <= maxRecordLength) return { kind: 'incomplete' };
        return skipLine(text, start, start, 'a quoted field opened on this line is never closed');
      }
      field = closed.value;
      newlines += closed.newlines;
      i = closed.end;
      const after = text.charCodeAt(i);
      if (i < text.length && after !== COMMA && after !== LF && after !== CR) {
        const reason = `unexpected character ${JSON.stringify(text[i])} after a closing quote`;
        return skipLine(text, start, i, reason);
      }
      fieldStart = false;
      continue;
    }
    fieldStart = false;
    if (code === COMMA) {
      fields.push(field);
      field = '';
      fieldStart = true;
      i += 1;
    } else if (code === LF || code === CR) {
      if (code === CR && i + 1 >= text.length && !atEof) return { kind: 'incomplete' };
      const end = code === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      fields.push(field);
      return { kind: 'record', fields, end, newlines: newlines + 1 };
    } else {
      // A bare quote inside an unquoted field is kept as text: unambiguous, and common in exports.
      const next = nextSpecial(text, i);
      field += text.slice(i, next);
      i = next;
    }
    if (i - start > maxRecordLength)
      return skipLine(text, start, i, 'record is longer than the limit');
  }
  if (!atEof) return { kind: 'incomplete' };
  fields.push(field);
  return { kind: 'record', fields, end: text.length, newlines: 0 };
}

function readQuoted(
  text: string,
  from: number,
  atEof: boolean,
): { value: string; end: number; newlines: number } | undefined {
  let value = '';
  let i = from;
  let newlines = 0;
  for (;;) {
    const close = text.indexOf('"', i);
    if (close === -1) return undefined;
    const chunk = text.slice(i, close);
    value += chunk;
    newlines += countNewlines(chunk);
    if (text.charCodeAt(close + 1) === QUOTE) {
      value += '"';
      i = close + 2;
      continue;
    }
    // A quote at the very end of the buffer may be the first half of an escaped `""`.
    if (close + 1 >= text.length && !atEof) return undefined;
    return { value, end: close + 1, newlines };
  }
}

function nextSpecial(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === COMMA || code === LF || code === CR) return i;
    i += 1;
  }
  return i;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

/** Rejects the record that starts at `start` and resumes on the line after `from`. */
function skipLine(text: string, start: number, from: number, reason: string): Step {
  const newline = text.indexOf('\n', from);
  const resumeAt = newline === -1 ? text.length : newline + 1;
  return { kind: 'error', reason, resumeAt, newlines: countNewlines(text.slice(start, resumeAt)) };
}
