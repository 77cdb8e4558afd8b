// First-run set-up for `npm start` / `npm test` on a machine that has only Node.js:
// installs the pinned pnpm (through npx) and the locked dependencies, once.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';

const PNPM = 'pnpm@12.4.2';
const marker = 'node_modules/.modules.yaml';

const upToDate = existsSync(marker) && statSync(marker).mtimeMs >= statSync('pnpm-lock.yaml').mtimeMs;
if (!upToDate) {
  const pinned = JSON.parse(readFileSync('package.json', 'utf8')).packageManager;
  if (pinned !== PNPM) throw new Error(`scripts/bootstrap.mjs pins ${PNPM} but package.json says ${pinned}`);
  console.error(`bootstrap: installing dependencies with ${PNPM} (first run only)`);
  execFileSync('npx', ['--yes', PNPM, 'install', '--frozen-lockfile'], { stdio: ['ignore', 2, 2] });
}
