import { parseArgs } from 'node:util';
import { exportTestset } from '@support/copilot';
import { type Command, UsageError } from './command.js';

/** `kb testset export`: a BEIR question set from the answer log, for `pnpm eval answers`. */
export const testsetCommand: Command = {
  usage: 'pnpm kb testset export --out <folder> [--since 30d|YYYY-MM-DD] [--min-feedback helpful|any] [--json]',
  async run(args, { database, stdout }) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        since: { type: 'string' },
        'min-feedback': { type: 'string', default: 'helpful' },
        json: { type: 'boolean', default: false },
      },
    });
    if (positionals[0] !== 'export' || positionals.length !== 1) throw new UsageError('expected: testset export');
    if (!values.out) throw new UsageError('--out: the folder to write is required');
    const minFeedback = values['min-feedback'];
    if (minFeedback !== 'helpful' && minFeedback !== 'any')
      throw new UsageError(`--min-feedback: expected helpful or any, got ${minFeedback}`);
    const since = values.since === undefined ? null : parseSince(values.since, Date.now());
    const summary = await exportTestset(database.pool, values.out, { since, minFeedback });
    if (values.json) stdout.write(`${JSON.stringify({ out: values.out, ...summary })}\n`);
    else
      stdout.write(
        `${summary.questions} questions (${summary.judgments} judged articles) and ${summary.review} for review ` +
          `written to ${values.out} (${summary.files.join(', ')})\n` +
          `evaluate: pnpm eval answers --data ${values.out} --kb <your articles>\n`,
      );
    return 0;
  },
};

/** "30d" (days before now) or a date. */
export function parseSince(value: string, now: number): Date {
  const days = /^(\d+)d$/.exec(value);
  if (days) return new Date(now - Number(days[1]) * 86_400_000);
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime()))
    throw new UsageError(`--since: expected a number of days such as 30d, or a date such as 2026-11-01; got ${value}`);
  return date;
}
