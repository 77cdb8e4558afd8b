import { parseArgs } from 'node:util';
import { type Command, UsageError } from './command.js';

const VISIBILITY = { public: ['public'], internal: ['internal'], all: ['public', 'internal'] } as const;

/** `kb search "<query>"`: runs a search and prints the hits. */
export const searchCommand: Command = {
  usage: 'pnpm kb search "<query>" [--k N] [--mode hybrid|vector|keyword] [--visibility public|internal|all] [--json]',
  async run(args, { retrieval, stdout, stderr }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        k: { type: 'string', default: '5' },
        mode: { type: 'string', default: 'hybrid' },
        visibility: { type: 'string', default: 'all' },
        json: { type: 'boolean', default: false },
      },
    });
    const query = positionals.join(' ');
    const k = Number(values.k);
    if (query.trim() === '') throw new UsageError('expected a query');
    if (!Number.isInteger(k)) throw new UsageError(`--k: expected an integer, got ${values.k}`);
    if (!(values.visibility in VISIBILITY))
      throw new UsageError(`--visibility: expected public, internal or all, got ${values.visibility}`);
    if (!['hybrid', 'vector', 'keyword'].includes(values.mode))
      throw new UsageError(`--mode: expected hybrid, vector or keyword, got ${values.mode}`);
    const result = await retrieval.search({
      query,
      k,
      mode: values.mode as 'hybrid',
      filters: { visibility: [...VISIBILITY[values.visibility as keyof typeof VISIBILITY]] },
    });
    for (const warning of result.warnings) stderr.write(`warning: ${warning}\n`);
    if (values.json) {
      stdout.write(`${JSON.stringify(result.hits)}\n`);
      return 0;
    }
    if (result.hits.length === 0) stdout.write('no match\n');
    result.hits.forEach((hit, i) => {
      const where = [hit.title, ...hit.headingPath].join(' › ');
      const text = hit.text.replace(/\s+/g, ' ');
      stdout.write(
        `${i + 1}. ${where}  [${hit.source}/${hit.articleId}, score ${hit.score.toFixed(3)}${hit.visibility === 'internal' ? ', internal' : ''}]\n` +
          `   ${hit.url ?? ''}${hit.url ? '\n   ' : ''}${text.length > 200 ? `${text.slice(0, 200)}…` : text}\n`,
      );
    });
    return 0;
  },
};
