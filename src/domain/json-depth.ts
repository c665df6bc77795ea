import { decodeUtf8 } from './utf8.ts';

/** Deeper than this, a JSON body is refused: no Earshot schema nests past a handful of levels. */
export const maxJsonDepth = 64;

/**
 * True when `json` (text, or its UTF-8 bytes before decoding) nests arrays and objects deeper
 * than `limit`. One pass counting brackets outside strings, so it costs far less than the parse
 * it guards (a megabyte of `[[[[…` made JSON.parse and the walks after it stall the server).
 * Bytes work as well as characters: the brackets, quotes and backslash are ASCII, and UTF-8
 * never uses ASCII bytes inside a longer character. It does not validate: malformed JSON is
 * left to the parser, which then fails fast.
 */
export function jsonNestsDeeperThan(
  json: string | Uint8Array,
  limit: number = maxJsonDepth,
): boolean {
  const codeAt =
    typeof json === 'string'
      ? (index: number) => json.charCodeAt(index)
      : (index: number) => json[index]!;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < json.length; index += 1) {
    const code = codeAt(index);
    if (inString) {
      if (code === 0x5c /* \ */) index += 1;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) {
      depth -= 1;
    }
  }
  return false;
}

type JsonBodyText =
  | { ok: true; text: string }
  | { ok: false; code: 'invalid_utf8' | 'json_too_deep'; message: string };

/**
 * A pushed body as text, ready for JSON.parse: refused when it is not valid UTF-8 or nests
 * deeper than `maxJsonDepth`. What every push receiver checks after the signature.
 */
export function jsonBodyText(raw: string | Uint8Array): JsonBodyText {
  const text = typeof raw === 'string' ? raw : decodeUtf8(raw);
  if (text === undefined)
    return { ok: false, code: 'invalid_utf8', message: 'the body is not valid UTF-8' };
  if (jsonNestsDeeperThan(text))
    return {
      ok: false,
      code: 'json_too_deep',
      message: `the JSON nests deeper than ${maxJsonDepth} levels`,
    };
  return { ok: true, text };
}
