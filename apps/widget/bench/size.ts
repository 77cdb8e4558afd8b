// pnpm bench widget: the size of the widget script as the API serves it, against its budget.
import { buildWidget } from '../src/index.js';

const BUDGET_GZIP_BYTES = 30 * 1024;

/** Builds the bundle and prints its raw and gzipped sizes; exit code 0 either way (a benchmark reports). */
export async function run(_args: string[]): Promise<number> {
  const started = performance.now();
  const bundle = await buildWidget();
  const ms = performance.now() - started;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
  const verdict = bundle.gzipBytes <= BUDGET_GZIP_BYTES ? 'within' : 'OVER';
  console.log('widget.js (minified, one file, served by the API at /widget.js)');
  console.log(`  raw      ${kb(bundle.bytes)} (${bundle.bytes} bytes)`);
  console.log(
    `  gzipped  ${kb(bundle.gzipBytes)} (${bundle.gzipBytes} bytes, level 9; budget ${kb(BUDGET_GZIP_BYTES)}: ${verdict})`,
  );
  console.log(`  build    ${ms.toFixed(0)} ms (esbuild API, in memory; the API does this at start)`);
  return 0;
}
