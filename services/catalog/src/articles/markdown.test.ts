import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

const ALLOWED: Record<string, string[]> = {
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'title'],
  ol: ['start'],
  code: ['class'],
};
const PLAIN = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'li', 'em', 'strong'];
const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/**
 * No executable or styling construct survives. Text is escaped, so every real '<' opens a tag
 * and every attribute value is double-quoted: each tag and attribute is checked on its own
 * (the text may well say "javascript:" — as text it is harmless).
 */
function expectInert(html: string): void {
  for (const [, closing, name = '', rest = ''] of html.matchAll(/<(\/?)([a-z0-9]+)([^>]*)>/g)) {
    expect([...PLAIN, 'pre', 'blockquote', ...Object.keys(ALLOWED)]).toContain(name);
    if (closing) continue;
    const attributes = [...rest.matchAll(/\s([a-z-]+)="([^"]*)"/g)];
    expect(rest.replace(/\s([a-z-]+)="([^"]*)"/g, '').replace(/\s*\/?$/, '')).toBe('');
    for (const [, attribute = '', raw = ''] of attributes) {
      expect(ALLOWED[name] ?? []).toContain(attribute);
      const value = decode(raw).trim();
      if (attribute === 'href') expect(value).toMatch(/^(https?:\/\/|mailto:)/i);
      if (attribute === 'src') expect(value).toMatch(/^https?:\/\//i);
      if (attribute === 'class') expect(value).toMatch(/^language-[a-z0-9-]+$/);
    }
  }
  expect(html).not.toMatch(/<script/i);
}

describe('renderMarkdown', () => {
  it('renders the allowed Markdown: headings, emphasis, lists, code, quotes, links, images', () => {
    const html = renderMarkdown(
      [
        '# Title',
        '',
        'Some *em* and **strong** and `code`.',
        '',
        '- one',
        '- two',
        '',
        '3. three',
        '',
        '> quoted',
        '',
        '```js',
        'const x = 1;',
        '```',
        '',
        '[site](https://example.com/a "T") and [mail](mailto:a@example.com)',
        '',
        '![poster](https://img.example.com/p.png)',
      ].join('\n'),
    );
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<strong>strong</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<ul>\n<li>one</li>');
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<pre><code class="language-js">const x = 1;\n</code></pre>');
    expect(html).toContain(
      '<a href="https://example.com/a" title="T" rel="noopener nofollow">site</a>',
    );
    expect(html).toContain('<a href="mailto:a@example.com" rel="noopener nofollow">mail</a>');
    expect(html).toContain('<img src="https://img.example.com/p.png" alt="poster" />');
  });

  it('shows raw HTML as text: <script>, event handlers, iframes, styles', () => {
    const html = renderMarkdown(
      [
        '<script>alert(1)</script>',
        '',
        '<img src=x onerror=alert(1)>',
        '',
        '<a href="javascript:alert(1)" onclick="x()">click</a>',
        '',
        '<iframe src="https://evil.example"></iframe><style>body{}</style>',
        '',
        '<p style="color:red" onmouseover="alert(1)">styled</p>',
      ].join('\n'),
    );
    expectInert(html);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('drops javascript:, vbscript:, data: and relative links and keeps their text', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'javascript&#58;alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'file:///etc/passwd',
      '/relative/path',
      '//evil.example/x',
    ]) {
      const html = renderMarkdown(`[click me](${href})`);
      expectInert(html);
      expect(html).not.toMatch(/<a [^>]*href=/);
      expect(html).toContain('click me');
    }
  });

  it('drops images from data:, javascript: or relative sources', () => {
    for (const src of [
      'data:image/png;base64,iVBORw0KGgo=',
      'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
      'javascript:alert(1)',
      '/poster.png',
    ]) {
      const html = renderMarkdown(`![x](${src})`);
      expectInert(html);
      expect(html).not.toContain('<img');
    }
  });

  it('drops autolinks to javascript: and keeps web autolinks with rel', () => {
    expectInert(renderMarkdown('<javascript:alert(1)>'));
    expect(renderMarkdown('see https://example.com')).toContain(
      '<a href="https://example.com" rel="noopener nofollow">https://example.com</a>',
    );
  });

  it('keeps no disallowed attribute smuggled through a title', () => {
    const html = renderMarkdown('[a](https://example.com "x\\" onmouseover=\\"alert(1)")');
    expectInert(html);
    expect(html).toContain('href="https://example.com"');
  });
});
