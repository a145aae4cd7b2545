import { MarkdownRenderer } from './markdown-renderer';

describe(MarkdownRenderer.name, () => {
  const sut = new MarkdownRenderer();

  it('renders the usual formatting', () => {
    expect(sut.render('**bold** _it_ `code`\n\n- a\n- b')).toBe(
      '<p><strong>bold</strong> <em>it</em> <code>code</code></p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n',
    );
  });

  it('escapes raw HTML instead of passing it through', () => {
    const html = sut.render('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('keeps web and mail links, with rel set', () => {
    expect(sut.render('[WCO](https://www.wcoomd.org)')).toBe(
      '<p><a href="https://www.wcoomd.org" rel="nofollow ugc noopener noreferrer">WCO</a></p>\n',
    );
    expect(sut.render('<mailto:a@b.org>')).toContain('href="mailto:a@b.org"');
    expect(sut.render('[x](/groups/1)')).toContain('href="/groups/1"');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/x',
    'file:///etc/passwd',
  ])('leaves %j as text', (url) => {
    const html = sut.render(`[click](${url})`);
    expect(html).not.toContain('<a ');
    expect(html).not.toMatch(/href=/i);
  });

  it('does not render images', () => {
    expect(sut.render('![x](https://tracker.example/p.gif)')).not.toContain('<img');
  });

  it('escapes quotes in link targets and titles', () => {
    const html = sut.render('[a](https://x.example/" onmouseover="alert(1) "t")');
    expect(html).not.toMatch(/"\s*onmouseover=/);
  });
});
