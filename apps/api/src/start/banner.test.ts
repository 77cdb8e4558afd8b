import { describe, expect, it } from 'vitest';
import { startBanner } from './banner.js';

describe('startBanner', () => {
  it('prints the demo URL, and how to remove a sample left beside the team’s own articles', () => {
    const text = startBanner({
      url: 'http://127.0.0.1:3000',
      demo: true,
      widget: true,
      sample: { kind: 'skipped', otherSources: [{ source: 'help', articles: 120 }], sampleArticles: 18 },
    });
    expect(text).toContain('Demo help center with the widget: http://127.0.0.1:3000/');
    expect(text).toContain('the sample was not indexed, because the knowledge base holds other articles (help: 120)');
    expect(text).toContain('18 sample articles from an earlier start are still there');
    expect(text).toContain('pnpm kb delete sample --all');
    expect(text).toContain('Admin dashboard: http://127.0.0.1:3000/admin');
  });

  it('says where the sample came from when it was indexed, and has no demo line without --demo', () => {
    const text = startBanner({
      url: 'http://127.0.0.1:3000',
      demo: false,
      widget: true,
      sample: { kind: 'indexed', articles: 18, failed: 0 },
    });
    expect(text).toContain('the sample (kb/sample, 18 articles) is indexed as source "sample"');
    expect(text).not.toContain('Demo help center');
  });
});
