/** A redrawn "[####----] 12/60 questions" bar on a terminal's stderr; silent elsewhere (logs, CI, tests). */
export function createQuestionProgress(
  stream: NodeJS.WriteStream,
  total: number,
  now: () => number = Date.now,
): { update: (done: number) => void; done: () => void } {
  const tty = stream.isTTY === true;
  const started = now();
  let drawn = false;
  return {
    update(done) {
      if (!tty) return;
      drawn = true;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const seconds = (now() - started) / 1000;
      const eta = done > 0 && done < total ? `, ${Math.ceil(((total - done) * seconds) / done)}s left` : '';
      stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} questions${eta}`);
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
