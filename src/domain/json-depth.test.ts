import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan, maxJsonDepth } from './json-depth.ts';

const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

describe('the JSON depth scanner', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(jsonNestsDeeperThan(nested(3), 3)).toBe(false);
    expect(jsonNestsDeeperThan(nested(4), 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":{"b":{"c":[1,2,{"d":null}]}}}', 5)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":{"b":{"c":[1,2,{"d":null}]}}}', 4)).toBe(true);
  });

  it('counts arrays and objects alike, and siblings do not add up', () => {
    expect(jsonNestsDeeperThan('[{"a":[]},{"b":[]},{"c":[]}]', 3)).toBe(false);
    expect(jsonNestsDeeperThan(nested(5, '{"k":', '}'), 4)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ text: '[[[[[{{{{{ "quoted [[[[" \\ [[[[' });
    expect(jsonNestsDeeperThan(text, 1)).toBe(false);
    expect(jsonNestsDeeperThan('["\\\\", [[]]]', 2)).toBe(true);
    expect(jsonNestsDeeperThan('["\\"[[[[[[" ]', 1)).toBe(false);
  });

  it('finds a megabyte of nesting quickly and lets ordinary bodies through', () => {
    expect(jsonNestsDeeperThan(nested(500_000))).toBe(true);
    expect(jsonNestsDeeperThan(nested(maxJsonDepth))).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify({ text: 'x'.repeat(900_000) }))).toBe(false);
  });

  it('reads UTF-8 bytes as it reads text', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(jsonNestsDeeperThan(bytes('[{"é👍": "[[[["}]'), 2)).toBe(false);
    expect(jsonNestsDeeperThan(bytes(nested(3)), 2)).toBe(true);
    expect(jsonNestsDeeperThan(bytes(nested(500_000)))).toBe(true);
  });

  it('leaves malformed JSON to the parser', () => {
    expect(jsonNestsDeeperThan(']]]]{', 3)).toBe(false);
    expect(jsonNestsDeeperThan('"unterminated [[[[', 1)).toBe(false);
  });
});
