import { describe, expect, it } from 'vitest';
import { cutText } from './long-text.tsx';

describe('cutText', () => {
  it('cuts to the given length', () => {
    expect(cutText('abcdef', 3)).toBe('abc');
    expect(cutText('ab', 3)).toBe('ab');
  });

  it('never leaves half of an emoji behind', () => {
    const text = 'ab😀cd';
    expect(cutText(text, 3)).toBe('ab');
    expect(cutText(text, 4)).toBe('ab😀');
  });
});
