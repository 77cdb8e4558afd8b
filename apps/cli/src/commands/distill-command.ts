import { parseArgs } from 'node:util';
import { distillStaticTable, STATIC_TABLE_PATH, writeStaticTable } from '@support/retrieval';
import { type StandaloneCommand, UsageError } from './command.js';

/** `kb distill`: rebuilds the static embedder's table from the local USE-lite model (offline, a few minutes). */
export const distillCommand: StandaloneCommand = {
  usage: 'pnpm kb distill [--out FILE] [--dimensions 256]',
  standalone: true,
  async run(args, { stdout, stderr }) {
    const { values } = parseArgs({
      args,
      options: { out: { type: 'string', default: STATIC_TABLE_PATH }, dimensions: { type: 'string', default: '256' } },
    });
    const dimensions = Number(values.dimensions);
    if (!Number.isInteger(dimensions) || dimensions < 8 || dimensions > 512)
      throw new UsageError(`--dimensions: expected an integer from 8 to 512, got ${values.dimensions}`);
    const started = Date.now();
    const tty = stderr.isTTY === true;
    const table = await distillStaticTable({
      dimensions,
      onProgress: (done, total) => {
        const filled = Math.round((done / total) * 24);
        const line = `[${'#'.repeat(filled)}${'-'.repeat(24 - filled)}] ${done}/${total} vocabulary pieces through USE-lite`;
        if (tty) stderr.write(`\r\x1b[2K${line}`);
        else if (done === total || done % 2000 < 200) stderr.write(`${line}\n`);
      },
    });
    if (tty) stderr.write('\n');
    const bytes = await writeStaticTable(values.out, table);
    stdout.write(
      `wrote ${values.out}: ${table.model}, ${table.vocabulary.length} pieces, ${(bytes / 1e6).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
    );
    return 0;
  },
};
