/**
 * Text an attacker (or just an unlucky customer) might post. Each payload that could run
 * sets `window.__pwned` or opens a dialog, so running it is observable.
 */
export const hostilePayloads: { name: string; text: string }[] = [
  { name: 'script tag', text: `<script>window.__pwned = 'script'; alert('script')</script>` },
  {
    name: 'img onerror',
    text: `Look at this <img src=x onerror="window.__pwned='img';alert('img')"> picture`,
  },
  {
    name: 'javascript: links',
    text: `<a href="javascript:alert('link')">my receipt</a> or javascript:alert(document.cookie)`,
  },
  {
    name: 'SVG payload',
    text: `<svg xmlns="http://www.w3.org/2000/svg" onload="alert('svg')"><script>window.__pwned='svg'</script><foreignObject><iframe srcdoc="<script>parent.alert(1)</script>"></iframe></foreignObject></svg>`,
  },
  {
    name: 'markup that would restyle the page',
    text: `"><style>*{display:none}</style><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">`,
  },
  {
    // Varied letters: a run of one repeated glyph is pathologically slow to lay out in
    // Chromium with DejaVu Sans whatever the app does (seconds), which would test the font.
    name: '100 KB without a space',
    text: Array.from({ length: 100_000 }, (_, i) => 'abcdefghijklmnopqrstuvwxyzЖ'[i % 27]).join(''),
  },
  {
    name: 'right-to-left override',
    text: `Refund for invoice \u202Egnp.exe\u202C please, and this one never closes: \u202Eabc \u2067isolate`,
  },
  { name: 'zero-width characters', text: `pay\u200Bpal\u200C sup\u200Dport\uFEFF \u2060here` },
  { name: 'template syntax', text: `{{constructor.constructor('alert(1)')()}} \${alert(1)} %s %n` },
];

/** Elements no customer text may ever create inside the app. */
export const injectableSelector =
  'script, img, svg, iframe, object, embed, style, link, base, meta, math, video, audio, frame';
