import { parseArgs } from 'node:util';

/** The options every eval command accepts. */
export interface EvalArgs {
  data: string;
  json: boolean;
  predictions: string | undefined;
  corrupt: boolean;
  /** pii: which templates to score ('validation' = the 30% of template ids held out from tuning). */
  part: 'fit' | 'validation' | 'all';
}

/** Parses eval arguments; returns a usage message instead when --data is missing or an option is unknown. */
export function parseEvalArgs(args: string[], command: string): EvalArgs | string {
  try {
    const { values } = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        predictions: { type: 'string' },
        corrupt: { type: 'boolean', default: false },
        part: { type: 'string', default: 'all' },
      },
      strict: true,
    });
    if (values.data === undefined) throw new Error('--data is required');
    const part = values.part ?? 'all';
    if (part !== 'fit' && part !== 'validation' && part !== 'all')
      throw new Error('--part: expected fit, validation or all');
    return {
      data: values.data,
      json: values.json ?? false,
      predictions: values.predictions,
      corrupt: values.corrupt ?? false,
      part,
    };
  } catch (error) {
    const usage = `usage: pnpm eval ${command} --data FILE [--json] [--predictions FILE] [--part fit|validation|all]`;
    return `${(error as Error).message}\n${usage}`;
  }
}

/** Rounds a metric for printing and JSON. */
export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
