import type { IndexProgress } from '@support/retrieval';

/** Where progress goes: a redrawn bar on a terminal, plain lines otherwise (logs, CI). */
export interface ProgressSink {
  update(progress: IndexProgress): void;
  done(): void;
}

/**
 * Reports indexing progress on stderr: articles of `total`, chunks, embeddings per second and
 * the time left. On a terminal the bar is redrawn in place at most 10 times a second.
 */
export function createProgress(
  stream: NodeJS.WriteStream,
  total: number | undefined,
  now: () => number = Date.now,
): ProgressSink {
  const tty = stream.isTTY === true;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(p) {
      const line = describe(p, total);
      if (!tty) {
        stream.write(`${line}\n`);
        return;
      }
      if (now() - lastDraw < 100) return;
      lastDraw = now();
      drawn = true;
      stream.write(`\r\x1b[2K${bar(p.articles, total)} ${line}`);
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}

/**
 * Reports a count of `total` on stderr (a redrawn bar on a terminal, a line per update otherwise),
 * with the rate and the time left.
 */
export function createCountProgress(
  stream: NodeJS.WriteStream,
  label: string,
  now: () => number = Date.now,
): { update(done: number, total: number): void; done(): void } {
  const started = now();
  const tty = stream.isTTY === true;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, total) {
      const seconds = (now() - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      const eta = rate > 0 && done < total ? `, eta ${formatSeconds((total - done) / rate)}` : '';
      const line = `${done}/${total} ${label} (${rate.toFixed(1)}/s${eta})`;
      if (!tty) {
        stream.write(`${line}\n`);
        return;
      }
      if (now() - lastDraw < 100 && done < total) return;
      lastDraw = now();
      drawn = true;
      stream.write(`\r\x1b[2K${bar(done, total)} ${line}`);
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}

function describe(p: IndexProgress, total: number | undefined): string {
  const perSecond = (n: number) => (p.seconds > 0 ? (n / p.seconds).toFixed(1) : '-');
  const eta =
    total !== undefined && p.articles > 0 && p.articles < total
      ? `, eta ${formatSeconds(((total - p.articles) * p.seconds) / p.articles)}`
      : '';
  return (
    `${p.articles}${total === undefined ? '' : `/${total}`} articles (${perSecond(p.articles)}/s), ` +
    `${p.chunks} chunks (${perSecond(p.chunks)}/s), ${p.embedded} embedded (${perSecond(p.embedded)}/s)${eta}`
  );
}

function bar(done: number, total: number | undefined, width = 24): string {
  if (total === undefined || total === 0) return '';
  const filled = Math.round((Math.min(done, total) / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`;
}
