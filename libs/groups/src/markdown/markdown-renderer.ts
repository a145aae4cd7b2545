import MarkdownIt from 'markdown-it';

/** Link targets a post may use: the web, mail, and the app's own pages. Everything else stays text. */
const SAFE_LINK = /^(?:https?:\/\/|mailto:|\/(?!\/)|#)/i;

/**
 * Markdown of posts and descriptions rendered to HTML on the server. Raw HTML is off (markdown-it
 * escapes it as text), links must be http(s), mailto or app-relative (no `javascript:`, `data:`,
 * protocol-relative `//host`), images are not rendered (no tracking pixels, nothing the CSP would
 * block), and links open with `rel="nofollow ugc noopener noreferrer"`. markdown-it escapes every
 * text and attribute it writes, so what comes out is a closed set of tags with escaped content.
 */
export class MarkdownRenderer {
  private readonly md: MarkdownIt.MarkdownIt;

  constructor() {
    this.md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: true });
    this.md.disable(['image']);
    this.md.validateLink = (url: string): boolean => SAFE_LINK.test(url.trim());
    const defaultOpen: MarkdownIt.RendererRule =
      this.md.renderer.rules.link_open ??
      ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
    this.md.renderer.rules.link_open = (tokens, index, options, env, self) => {
      tokens[index].attrSet('rel', 'nofollow ugc noopener noreferrer');
      return defaultOpen(tokens, index, options, env, self);
    };
  }

  render(source: string): string {
    return this.md.render(source);
  }
}
