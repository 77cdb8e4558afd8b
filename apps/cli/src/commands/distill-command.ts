import { parseArgs } from 'node:util';
import { distillStaticTable, fitStaticTableToCorpus, STATIC_TABLE_PATH, writeStaticTable } from '@support/retrieval';
import { type StandaloneCommand, UsageError } from './command.js';

/**
 * `kb distill`: rebuilds the static embedder's table from the local USE-lite model, offline.
 * Without --corpus, pieces alone (a few minutes; the shipped table); with --corpus, the table is
 * also fitted to USE-lite's vectors of those articles' texts, under a model name of its own. Fitted
 * to the knowledge base it will serve (STATIC_EMBEDDER_TABLE), with questions read by USE-lite, it
 * beats USE-lite on stackfaq and indexes 20 MB in minutes (docs/INGEST.md, sessions 7 and 9).
 * `kb index` fits one by itself for a large source; this command is for fitting by hand.
 */
export const distillCommand: StandaloneCommand = {
  usage: 'pnpm kb distill [--corpus FOLDER]... [--texts 40000] [--teacher-cache FILE] [--out FILE] [--dimensions 256]',
  standalone: true,
  async run(args, { stdout, stderr }) {
    const { values } = parseArgs({
      args,
      options: {
        out: { type: 'string', default: STATIC_TABLE_PATH },
        dimensions: { type: 'string', default: '256' },
        corpus: { type: 'string', multiple: true, default: [] },
        texts: { type: 'string', default: '40000' },
        'teacher-cache': { type: 'string' },
      },
    });
    const dimensions = Number(values.dimensions);
    if (!Number.isInteger(dimensions) || dimensions < 8 || dimensions > 512)
      throw new UsageError(`--dimensions: expected an integer from 8 to 512, got ${values.dimensions}`);
    const limit = Number(values.texts);
    if (!Number.isInteger(limit) || limit < 100)
      throw new UsageError(`--texts: expected at least 100, got ${values.texts}`);
    const started = Date.now();
    const tty = stderr.isTTY === true;
    const progress = (what: string) => (done: number, total: number) => {
      const filled = Math.round((done / total) * 24);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(24 - filled)}] ${done}/${total} ${what}`;
      if (tty) stderr.write(`\r\x1b[2K${line}${done === total ? '\n' : ''}`);
      else if (done === total || done % 2000 < 200) stderr.write(`${line}\n`);
    };

    const onFitProgress = (iteration: number, residual: number) => {
      if (iteration % 10 === 0) stderr.write(`fit: iteration ${iteration}, residual ${residual.toFixed(4)}\n`);
    };
    const table =
      values.corpus.length > 0
        ? await fitStaticTableToCorpus(values.corpus, {
            texts: limit,
            dimensions,
            ...(values['teacher-cache'] === undefined ? {} : { teacherCache: values['teacher-cache'] }),
            onTexts: (count) => stderr.write(`${count} training texts from ${values.corpus.join(', ')}\n`),
            onProgress: (stage, done, total) => progress(`${stage} through USE-lite`)(done, total),
            onFitProgress,
          })
        : await distillStaticTable({ dimensions, onProgress: progress('vocabulary pieces through USE-lite') });
    const bytes = await writeStaticTable(values.out, table);
    stdout.write(
      `wrote ${values.out}: ${table.model}, ${table.vocabulary.length} pieces, ${(bytes / 1e6).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
    );
    return 0;
  },
};
