import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-to-text.ts';

describe('htmlToText', () => {
  it('keeps paragraphs and line breaks of a Mastodon status', () => {
    expect(htmlToText('<p>First line<br />second line</p><p>New paragraph</p>')).toBe(
      'First line\nsecond line\n\nNew paragraph',
    );
  });

  it('turns mention and hashtag links into their visible text, and shortened links into the full URL', () => {
    const html =
      '<p><span class="h-card"><a href="https://mastodon.social/@northwind" class="u-url mention">@<span>northwind</span></a></span> ' +
      'broken again <a href="https://mastodon.social/tags/fail" class="mention hashtag" rel="tag">#<span>fail</span></a> ' +
      '<a href="https://status.example.com/incidents/4411" rel="nofollow noopener" target="_blank">' +
      '<span class="invisible">https://</span><span class="ellipsis">status.example.com/incid</span>' +
      '<span class="invisible">ents/4411</span></a></p>';
    expect(htmlToText(html)).toBe(
      '@northwind broken again #fail https://status.example.com/incidents/4411',
    );
  });

  it('decodes entities into characters, so escaped markup stays visible as text', () => {
    expect(
      htmlToText(
        '<p>I typed &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot; &#39;ok&#39; &#x1F600;</p>',
      ),
    ).toBe('I typed <b>bold</b> & "quotes" \'ok\' 😀');
    expect(htmlToText('&amp;lt;script&amp;gt;')).toBe('&lt;script&gt;');
  });

  it('drops scripts, styles, event handlers and images without keeping any markup', () => {
    const hostile =
      '<p>hi<script>alert("x")</script><style>p{display:none}</style>' +
      '<img src=x onerror="alert(1)"><iframe src="https://evil.example"></iframe>' +
      '<a href="javascript:alert(1)" onclick="steal()">click</a><svg><script>alert(2)</script></svg></p>';
    const text = htmlToText(hostile);
    expect(text).toBe('hiclick');
    expect(text).not.toMatch(/[<>]/);
  });

  it('survives broken and hostile structure', () => {
    expect(htmlToText('<p>unclosed <b>bold <i>italic')).toBe('unclosed bold italic');
    expect(htmlToText('<!-- hidden --><p>shown</p><![CDATA[x]]>')).toBe('shown');
    expect(htmlToText('</p></p><p>after stray closers')).toBe('after stray closers');
    expect(htmlToText('<script>never closed <p>still script')).toBe('');
    expect(htmlToText('a < b and c > d')).toBe('a < b and c > d');
    expect(htmlToText('<div>'.repeat(5000) + 'deep' + '</div>'.repeat(5000))).toBe('deep');
    expect(htmlToText('')).toBe('');
  });
});
