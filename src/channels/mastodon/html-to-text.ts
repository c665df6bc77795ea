import { Parser } from 'htmlparser2';

// Elements whose content is never text a person wrote for reading.
const skipped = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
  'title',
]);
const blocks = new Set([
  'p',
  'div',
  'blockquote',
  'li',
  'ul',
  'ol',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
]);

/**
 * Mastodon status content (HTML) → plain text. Built on htmlparser2, a forgiving tokenizer that
 * never executes or fetches anything: text nodes are kept (entities decoded), tags become line
 * breaks or nothing, and the content of script-like elements is dropped. The result is text and
 * must still be shown as text (escaped) by whoever displays it.
 */
export function htmlToText(html: string): string {
  let text = '';
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (skipped.has(name)) skipDepth += 1;
        else if (skipDepth === 0 && name === 'br') text += '\n';
        else if (skipDepth === 0 && blocks.has(name)) text = endBlock(text);
      },
      onclosetag(name, isImplied) {
        if (skipped.has(name)) {
          if (!isImplied || skipDepth > 0) skipDepth = Math.max(0, skipDepth - 1);
        } else if (skipDepth === 0 && blocks.has(name)) text = endBlock(text);
      },
      ontext(data) {
        if (skipDepth === 0) text += data;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: false },
  );
  parser.write(html);
  parser.end();
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Paragraphs are separated by one blank line, however many block tags meet. */
function endBlock(text: string): string {
  if (text === '' || text.endsWith('\n\n')) return text;
  return text.endsWith('\n') ? `${text}\n` : `${text}\n\n`;
}
