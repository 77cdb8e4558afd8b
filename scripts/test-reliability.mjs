// `pnpm test:reliability [--short] [vitest args]`: the reliability suite under test/reliability.
// --short becomes RELIABILITY_SHORT=1 (read by test/reliability/support/budget.ts), since vitest
// rejects options it does not know.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const short = args.includes('--short');
const rest = args.filter((a) => a !== '--short');
const env = { ...process.env, ...(short ? { RELIABILITY_SHORT: '1' } : {}) };
const result = spawnSync('pnpm', ['exec', 'vitest', 'run', '--config', 'test/reliability/vitest.config.ts', ...rest], {
  stdio: 'inherit',
  env,
});
process.exitCode = result.status ?? 1;
