/** One embedder on one database. */
export interface Cell {
  embedder: string;
  database: string;
  articles: number;
  chunks: number;
  seconds: number;
  chunksPerSecond: number;
  /** Chunks/s of the embedder alone, on the same chunk texts, in the same run. */
  embedderAlone: number;
  /** Pipeline chunks/s over the embedder's own: 1 means the embedder is the only cost. */
  ratio: number;
  embedShare: number;
  /**
   * CPU seconds of this process while indexing (worker threads included). On embedded PGlite the
   * database runs in the process too, so this is the work done, less sensitive to a shared
   * machine than the wall time.
   */
  cpuSeconds: number;
  /** 1-minute load average before and after: the machine may be shared. */
  load: [number, number];
}

/** The large corpus run on the embedded default. */
export interface CorpusFigures {
  embedder: string;
  megabytes: number;
  articles: number;
  chunks: number;
  seconds: number;
  /** Until the run returned: indexing plus the fusion calibration that follows a large change. */
  runSeconds: number;
  embedShare: number;
  cpuSeconds: number;
  load: [number, number];
}

const GOALS = {
  ratio: 0.9,
  staticChunksPerSecond: 200,
  corpusSeconds: 600,
};

/** Prints the benchmark table and each goal, met or not (goals are printed, never asserted). */
export function printReport(report: {
  threads: number;
  cores: number;
  cells: Cell[];
  corpus: CorpusFigures | undefined;
}): void {
  const out = [
    `ingest: ${report.cores} cores, local embedder on ${report.threads} thread(s)`,
    'embedder                  database   articles  chunks  seconds  chunks/s  embedder alone  ratio  embed share  cpu s  load',
  ];
  for (const c of report.cells)
    out.push(
      [
        c.embedder.padEnd(25),
        c.database.padEnd(9),
        String(c.articles).padStart(9),
        String(c.chunks).padStart(7),
        c.seconds.toFixed(1).padStart(8),
        c.chunksPerSecond.toFixed(1).padStart(9),
        `${c.embedderAlone.toFixed(1)}/s`.padStart(15),
        `${(c.ratio * 100).toFixed(0)}%`.padStart(6),
        `${(c.embedShare * 100).toFixed(0)}%`.padStart(12),
        c.cpuSeconds.toFixed(1).padStart(6),
        ` ${c.load[0].toFixed(1)}→${c.load[1].toFixed(1)}`,
      ].join(' '),
    );
  out.push('ratio = pipeline chunks/s / embedder-alone chunks/s; load = 1-minute load average before→after.');
  for (const c of report.cells)
    out.push(goal(`pipeline within 10% of the embedder (${c.embedder}, ${c.database})`, c.ratio >= GOALS.ratio));
  for (const c of report.cells.filter((c) => c.embedder.startsWith('static:')))
    out.push(
      goal(
        `static >= ${GOALS.staticChunksPerSecond} chunks/s (${c.database}: ${c.chunksPerSecond.toFixed(0)})`,
        c.chunksPerSecond >= GOALS.staticChunksPerSecond,
      ),
    );
  const corpus = report.corpus;
  if (corpus !== undefined) {
    out.push(
      `corpus: ${corpus.megabytes.toFixed(1)} MB, ${corpus.articles} articles, ${corpus.chunks} chunks indexed in ` +
        `${corpus.seconds.toFixed(0)} s (${(corpus.chunks / corpus.seconds).toFixed(1)} chunks/s, embed share ` +
        `${(corpus.embedShare * 100).toFixed(0)}%, ${corpus.cpuSeconds.toFixed(0)} CPU s) with ${corpus.embedder} on ` +
        `embedded PGlite; the run returned after ${corpus.runSeconds.toFixed(0)} s (fusion calibration included), load ` +
        `${corpus.load[0].toFixed(1)}→${corpus.load[1].toFixed(1)}`,
      goal(
        `${corpus.megabytes.toFixed(0)} MB indexed in under 10 minutes (the whole run)`,
        corpus.runSeconds < GOALS.corpusSeconds,
      ),
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

const goal = (what: string, met: boolean) => `goal ${met ? 'met    ' : 'NOT met'}: ${what}`;
