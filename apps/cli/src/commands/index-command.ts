import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  FIT_TEXTS,
  fitStaticTableToCorpus,
  fitThreshold,
  type IndexSummary,
  indexWithFittedTable,
  largeSourceFit,
  readSource,
} from '@support/retrieval';
import { createCountProgress, createProgress } from '../progress.js';
import { describeFusion } from './calibrate-command.js';
import { type Command, type CommandContext, UsageError } from './command.js';

/** `kb index <path>`: indexes a folder or an export file into one source. */
export const indexCommand: Command = {
  usage: 'pnpm kb index <path> [--source NAME] [--full-sync] [--fit auto|always|never] [--fit-texts 10000] [--json]',
  async run(args, ctx) {
    const { retrieval, stdout, stderr } = ctx;
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        source: { type: 'string' },
        'full-sync': { type: 'boolean', default: false },
        fit: { type: 'string', default: 'auto' },
        'fit-texts': { type: 'string', default: String(FIT_TEXTS) },
        json: { type: 'boolean', default: false },
      },
    });
    const [path] = positionals;
    if (path === undefined || positionals.length > 1) throw new UsageError('expected exactly one <path>');
    if (!['auto', 'always', 'never'].includes(values.fit))
      throw new UsageError(`--fit: expected auto, always or never, got "${values.fit}"`);
    const fitTexts = Number(values['fit-texts']);
    if (!Number.isInteger(fitTexts) || fitTexts < 100)
      throw new UsageError(`--fit-texts: expected at least 100, got ${values['fit-texts']}`);
    if (values.fit === 'always' && ctx.embedderEnv.EMBEDDING_PROVIDER !== 'auto')
      throw new UsageError(
        `--fit always: the knowledge base moves to a fitted table only with EMBEDDING_PROVIDER unset (auto), not ${ctx.embedderEnv.EMBEDDING_PROVIDER}`,
      );
    await stat(path).catch(() => {
      throw new UsageError(`path: ${path} does not exist`);
    });
    const source = values.source ?? basename(resolve(path));
    let total = 0;
    let characters = 0;
    // A first pass counts (the progress bar's ETA, whether the source is large); parsing is cheap next to embedding.
    for await (const item of readSource(path)) {
      total++;
      if (item.kind === 'article') characters += item.article.title.length + item.article.body.length;
    }
    const threshold = fitThreshold(largeSourceFit(ctx.embedderEnv), ctx.embedder.model);
    const fit =
      values.fit === 'always' || (values.fit === 'auto' && threshold !== undefined && characters >= threshold);
    const progress = createProgress(stderr, total);
    const indexOptions = { source, fullSync: values['full-sync'], onProgress: progress.update };
    let summary: IndexSummary;
    if (fit) {
      summary = await indexFitted(ctx, path, characters, fitTexts, indexOptions, progress, values.json);
    } else {
      summary = await retrieval.index(readSource(path), indexOptions);
      progress.done();
    }
    if (values.json) stdout.write(`${JSON.stringify(summary)}\n`);
    else stdout.write(formatSummary(summary));
    // A full sync that had to hold back did not do what was asked: a scheduled run should notice.
    return summary.failed.length > 0 || summary.fullSyncSkipped !== undefined ? 1 : 0;
  },
};

async function indexFitted(
  ctx: CommandContext,
  path: string,
  characters: number,
  texts: number,
  indexOptions: { source: string; fullSync: boolean; onProgress: ReturnType<typeof createProgress>['update'] },
  indexProgress: ReturnType<typeof createProgress>,
  json: boolean,
): Promise<IndexSummary> {
  const { stderr } = ctx;
  // With --json, stdout holds the summary alone.
  const stdout = json ? stderr : ctx.stdout;
  stderr.write(
    `${indexOptions.source}: ${(characters / 1e6).toFixed(1)} M characters of articles; fitting a static table to them ` +
      `(minutes, then hundreds of chunks a second; --fit never keeps USE-lite)\n`,
  );
  let stage: ReturnType<typeof createCountProgress> | undefined;
  let stageName = '';
  const table = await fitStaticTableToCorpus([path], {
    texts,
    onProgress: (name, done, total) => {
      if (name !== stageName) {
        stage?.done();
        stage = createCountProgress(stderr, `${name} through USE-lite`);
        stageName = name;
      }
      stage?.update(done, total);
    },
  });
  stage?.done();
  const fill = createCountProgress(stderr, 'chunk texts of other sources embedded with the table');
  let indexed = false;
  const outcome = await indexWithFittedTable(ctx.database.pool, table, readSource(path), {
    ...indexOptions,
    questions: ctx.embedderEnv.STATIC_EMBEDDER_QUESTIONS,
    onFillProgress: (done, total) => {
      if (!indexed) indexProgress.done();
      indexed = true;
      fill.update(done, total);
    },
  });
  if (!indexed) indexProgress.done();
  fill.done();
  stdout.write(
    `searches now read ${outcome.model}, a static table fitted to ${indexOptions.source} and stored in the knowledge base ` +
      `(${outcome.filled} chunk texts of other sources embedded with it); a running API or bot on the default embedder moves to it with its next search\n`,
  );
  if (outcome.calibration !== undefined) stdout.write(`${describeFusion(outcome.calibration)}\n`);
  return outcome.summary;
}

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
