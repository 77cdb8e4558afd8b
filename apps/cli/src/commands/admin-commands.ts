import { parseArgs } from 'node:util';
import { describeFusion } from './calibrate-command.js';
import { type Command, UsageError } from './command.js';

/** `kb stats`: counts per source, the active embedding model and its fusion weights. */
export const statsCommand: Command = {
  usage: 'pnpm kb stats [--json]',
  async run(args, { retrieval, stdout }) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const stats = await retrieval.stats();
    if (values.json) {
      stdout.write(`${JSON.stringify(stats)}\n`);
      return 0;
    }
    stdout.write(
      `${stats.articles} articles, ${stats.chunks} chunks, ${stats.embeddings} embeddings, ${stats.terms} terms\n` +
        `embedding model: ${stats.activeModel ?? 'none yet'}\n` +
        `${describeFusion(stats.fusion)}\n` +
        stats.sources.map((s) => `  ${s.source}: ${s.articles} articles (${s.internal} internal)\n`).join(''),
    );
    return 0;
  },
};

/** `kb delete <source> <external id>`: removes one article and its chunks; `--all` empties the source. */
export const deleteCommand: Command = {
  usage: 'pnpm kb delete <source> <external id> | pnpm kb delete <source> --all',
  async run(args, { retrieval, stdout, stderr }) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { all: { type: 'boolean', default: false } },
    });
    if (values.all) {
      const [source] = positionals;
      if (source === undefined || positionals.length !== 1) throw new UsageError('--all takes only <source>');
      const deleted = await retrieval.deleteSource(source);
      if (deleted === 0) {
        stderr.write(`not found: source ${source} holds no articles\n`);
        return 1;
      }
      stdout.write(`deleted ${deleted} article(s) of source ${source}\n`);
      return 0;
    }
    const [source, externalId] = positionals;
    if (source === undefined || externalId === undefined || positionals.length !== 2)
      throw new UsageError('expected <source> and <external id>, or <source> --all');
    if (await retrieval.deleteArticle(source, externalId)) {
      stdout.write(`deleted ${source}/${externalId}\n`);
      return 0;
    }
    stderr.write(`not found: no article ${externalId} in source ${source}\n`);
    return 1;
  },
};

/** `kb migrate` (also `pnpm migrate`): opening the database applies pending migrations; this reports them. */
export const migrateCommand: Command = {
  usage: 'pnpm migrate',
  async run(_args, { migrations, stdout }) {
    const applied = migrations.applied.length === 0 ? 'nothing to apply' : `applied ${migrations.applied.join(', ')}`;
    stdout.write(`${applied} (${migrations.alreadyApplied} applied before)\n`);
    return 0;
  },
};
