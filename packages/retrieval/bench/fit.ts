import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fitStaticTableInWorker } from '../src/embed/fit-in-worker.js';
import { fitStaticTableToTexts } from '../src/embed/fit-to-corpus.js';
import { collectTrainingTexts } from '../src/embed/training-texts.js';

const USAGE = 'usage: pnpm bench fit [--corpus kb/sample] [--texts 2000] [--in-thread]';

/**
 * `pnpm bench fit`: how long a static table's fit holds the event loop of the process that asked
 * for it. In a worker thread (what a re-index job does) and, with --in-thread, on the calling
 * thread (what `kb index` does, where nothing else waits). Figures are printed, never asserted.
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      corpus: { type: 'string', default: 'kb/sample' },
      texts: { type: 'string', default: '2000' },
      'in-thread': { type: 'boolean', default: false },
    },
  });
  const limit = Number(values.texts);
  if (!Number.isInteger(limit) || limit < 100) {
    process.stderr.write(`--texts: expected at least 100, got ${values.texts}\n${USAGE}\n`);
    return 2;
  }
  const texts = await collectTrainingTexts([values.corpus], limit);
  const ways: [string, () => Promise<unknown>][] = [['worker thread', () => fitStaticTableInWorker(texts)]];
  if (values['in-thread']) ways.push(['calling thread', () => fitStaticTableToTexts(texts)]);
  process.stdout.write(`${values.corpus}: ${texts.length} training texts; load ${loadavg()[0]?.toFixed(1)}\n`);
  for (const [name, fit] of ways) {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    await fit();
    const seconds = (performance.now() - started) / 1000;
    // The stall at the very end of a fit is seen by the next timer only: wait for it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    delay.disable();
    const ms = (ns: number) => (ns / 1e6).toFixed(0);
    process.stdout.write(
      `fit in the ${name}: ${seconds.toFixed(1)} s; event-loop delay p99 ${ms(delay.percentile(99))} ms, longest ${ms(delay.max)} ms\n`,
    );
  }
  return 0;
}
