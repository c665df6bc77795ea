const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The bytes as text, or undefined when they are not valid UTF-8. The lenient default decoder
 * would put U+FFFD in place of bad bytes and store text nobody wrote.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}
