import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type IndexSummary, readSource } from '@support/retrieval';
import { createProgress } from '../progress.js';
import { type Command, UsageError } from './command.js';

/** `kb index <path>`: indexes a folder or an export file into one source. */
export const indexCommand: Command = {
  usage: 'pnpm kb index <path> [--source NAME] [--full-sync] [--json]',
  async run(args, { retrieval, stdout, stderr }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        source: { type: 'string' },
        'full-sync': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
    const [path] = positionals;
    if (path === undefined || positionals.length > 1) throw new UsageError('expected exactly one <path>');
    await stat(path).catch(() => {
      throw new UsageError(`path: ${path} does not exist`);
    });
    const source = values.source ?? basename(resolve(path));
    let total = 0;
    // A first pass only counts, so the progress bar can show an ETA; parsing is cheap next to embedding.
    for await (const _ of readSource(path)) total++;
    const progress = createProgress(stderr, total);
    const summary = await retrieval.index(readSource(path), {
      source,
      fullSync: values['full-sync'],
      onProgress: (p) => progress.update(p),
    });
    progress.done();
    if (values.json) stdout.write(`${JSON.stringify(summary)}\n`);
    else stdout.write(formatSummary(summary));
    // A full sync that had to hold back did not do what was asked: a scheduled run should notice.
    return summary.failed.length > 0 || summary.fullSyncSkipped !== undefined ? 1 : 0;
  },
};

/** The human summary printed after every run. */
export function formatSummary(s: IndexSummary): string {
  const lines = s.failed.map((f) => `failed: ${f.path}: ${f.reason}`);
  if (s.fullSyncSkipped) lines.push(`full sync: ${s.fullSyncSkipped}`);
  lines.push(
    `${s.source}: added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged}, deleted ${s.deleted}, ` +
      `failed ${s.failed.length} in ${s.seconds.toFixed(1)} s (${s.chunks} chunks written, ${s.embedded} embedded, ` +
      `${s.embeddingsReused} embeddings reused)`,
  );
  return `${lines.join('\n')}\n`;
}
