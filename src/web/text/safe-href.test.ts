import { describe, expect, it } from 'vitest';
import { safeHref } from './safe-href.ts';

describe('safeHref', () => {
  it('keeps http and https URLs', () => {
    expect(safeHref('https://bsky.app/profile/a/post/1')).toBe('https://bsky.app/profile/a/post/1');
    expect(safeHref('http://example.com')).toBe('http://example.com/');
  });

  it('refuses scripts, data and other schemes, whatever their case or padding', () => {
    for (const raw of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com/',
    ]) {
      expect(safeHref(raw), raw).toBeNull();
    }
  });

  it('refuses relative and malformed URLs and empty values', () => {
    for (const raw of ['/relative', '//evil.example', 'not a url', '', null, undefined]) {
      expect(safeHref(raw), String(raw)).toBeNull();
    }
  });
});
