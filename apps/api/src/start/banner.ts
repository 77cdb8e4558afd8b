import type { SampleOutcome } from './sample-kb.js';

/** What the terminal shows once the API listens: where to go, and what happened to the sample. */
export function startBanner(input: {
  url: string;
  demo: boolean;
  sample: SampleOutcome | null;
  widget: boolean;
}): string {
  const lines = ['', `Support copilot API: ${input.url}`];
  if (input.demo && input.widget) lines.push(`  Demo help center with the widget: ${input.url}/`);
  if (input.widget) lines.push(`  Widget script: ${input.url}/widget.js`);
  lines.push(`  API reference: ${input.url}/docs`);
  lines.push(`  Admin dashboard: ${input.url}/admin (sign in with an admin API key)`);
  const sample = input.sample;
  if (sample?.kind === 'indexed') {
    lines.push(
      `  Knowledge base: the sample (kb/sample, ${sample.articles} articles) is indexed as source "sample".`,
      '  Once you index your own articles, remove it with: pnpm kb delete sample --all',
    );
    if (sample.failed > 0) lines.push(`  ${sample.failed} sample file(s) failed to index; see the log.`);
  } else if (sample?.kind === 'skipped') {
    const others = sample.otherSources.map((s) => `${s.source}: ${s.articles}`).join(', ');
    lines.push(
      `  Knowledge base: the sample was not indexed, because the knowledge base holds other articles (${others}).`,
    );
    if (sample.sampleArticles > 0)
      lines.push(
        `  ${sample.sampleArticles} sample articles from an earlier start are still there and can be cited;`,
        '  remove them with: pnpm kb delete sample --all (stop the API first when the database is embedded)',
      );
  }
  return `${lines.join('\n')}\n\n`;
}
