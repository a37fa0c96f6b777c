import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Links may go to the web or to a mail address; images only to the web. No relative URLs: an
// article is shown on pages of other origins (apps, feeds), and no javascript:, data: or file:.
const LINK_URL = /^(https?:\/\/|mailto:)/i;
const IMAGE_URL = /^https?:\/\//i;

// html: false — raw HTML in the Markdown is shown as text, never passed through.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
// Tables and strikethrough would produce tags the allow-list drops; keep the source as text.
markdown.disable(['table', 'strikethrough']);
// markdown-it's own check lets data:image/… through; ours is stricter (images are checked again
// below, per tag).
markdown.validateLink = (url) => LINK_URL.test(url.trim());

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'a',
    'ul',
    'ol',
    'li',
    'em',
    'strong',
    'code',
    'pre',
    'blockquote',
    'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    ol: ['start'],
    code: ['class'],
  },
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: [],
  allowedSchemesByTag: { a: ['http', 'https', 'mailto'], img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => {
      const { href, title } = attribs;
      const safe = href !== undefined && LINK_URL.test(href.trim());
      return {
        tagName,
        attribs: {
          ...(safe ? { href } : {}),
          ...(title !== undefined ? { title } : {}),
          rel: 'noopener nofollow',
        },
      };
    },
  },
  // An image without an absolute http(s) source (relative, data:, removed) is dropped whole.
  exclusiveFilter: (frame) =>
    frame.tag === 'img' && !IMAGE_URL.test((frame.attribs.src ?? '').trim()),
};

/** Markdown to the HTML stored beside it: rendered without raw HTML, then allow-list sanitized. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE);
}
