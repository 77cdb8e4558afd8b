// Preloaded (node --import) into an app process by the soak test only. On SIGUSR2 it collects
// garbage and prints the live heap, so a soak can tell memory the process still holds (a leak)
// from heap V8 has grown and not yet handed back (resident memory alone cannot).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');

process.on('SIGUSR2', () => {
  collectGarbage();
  collectGarbage();
  const { heapUsed, external, rss } = process.memoryUsage();
  process.stderr.write(`heap-probe ${JSON.stringify({ heapUsed, external, rss })}\n`);
});
