import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Database, DatabaseEnv, migrate, openDatabase, parseEnv } from '@support/db';
import { openScratchDatabase } from '@support/db/testing';
import { EmbedderEnv } from '../src/embed/embedder-env.js';
import {
  createLocalEmbedder,
  createRetrieval,
  createStaticEmbedder,
  type Embedder,
  type IndexProgress,
  type SourceItem,
} from '../src/index.js';
import { chunkArticle } from '../src/ingest/chunk.js';
import { chunkEmbedText } from '../src/ingest/content-hash.js';
import { HEADING_SEPARATOR } from '../src/queries/search.js';
import { DEFAULT_FUSION } from '../src/retrieval.js';
import { type Cell, type CorpusFigures, printReport } from './ingest-report.js';
import { syntheticArticles } from './synthetic-kb.js';

const USAGE = `usage: pnpm bench ingest [--embedders static,local] [--databases embedded,server] [--articles 400]
       [--corpus-mb 20] [--corpus-embedder static|local] [--json]
  server needs DATABASE_URL; --corpus-mb 0 skips the large corpus`;
const EMBEDDERS = ['static', 'local'] as const;
type EmbedderName = (typeof EMBEDDERS)[number];
const DATABASES = ['embedded', 'server'] as const;
type DatabaseName = (typeof DATABASES)[number];
// Texts timed for the embedder alone: enough for a stable rate; the local model takes ~15 s.
const ALONE_SAMPLE: Record<EmbedderName, number> = { static: 5000, local: 200 };
// What the indexer hands the embedder per call: the chunks of one batch of 32 articles.
const CALL_SIZE = 96;

/**
 * `pnpm bench ingest`: for each embedder and database, indexing chunks/s against the embedder's
 * own rate measured alone in the same run; then the time to index a large synthetic help center
 * on the embedded default. Figures are printed, never asserted.
 */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      embedders: { type: 'string', default: EMBEDDERS.join(',') },
      databases: { type: 'string' },
      articles: { type: 'string', default: '400' },
      'corpus-mb': { type: 'string', default: '20' },
      'corpus-embedder': { type: 'string', default: 'static' },
      json: { type: 'boolean', default: false },
    },
  });
  const env = parseEnv(DatabaseEnv.extend(EmbedderEnv.shape), process.env);
  const embedders = values.embedders.split(',');
  const databases = (values.databases ?? (env.DATABASE_URL ? 'embedded,server' : 'embedded')).split(',');
  const articles = Number(values.articles);
  const corpusMb = Number(values['corpus-mb']);
  const corpusEmbedder = values['corpus-embedder'];
  if (
    !embedders.every(isEmbedderName) ||
    !databases.every(isDatabaseName) ||
    !isEmbedderName(corpusEmbedder) ||
    !Number.isInteger(articles) ||
    articles < 1 ||
    !(corpusMb >= 0) ||
    (databases.includes('server') && !env.DATABASE_URL)
  ) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const threads = env.EMBEDDING_THREADS ?? availableParallelism();
  const makeEmbedder = (name: EmbedderName): Embedder =>
    name === 'static' ? createStaticEmbedder() : createLocalEmbedder({ threads });

  const cells: Cell[] = [];
  for (const embedderName of embedders)
    for (const databaseName of databases) {
      const db = await openBenchDatabase(databaseName, env.DATABASE_URL);
      try {
        const cell = await measureCell(makeEmbedder(embedderName), db, embedderName, databaseName, articles);
        // Also said at once: a long corpus run that is stopped still leaves these figures.
        log(`  => ${JSON.stringify(cell)}`);
        cells.push(cell);
      } finally {
        await db.close();
      }
    }

  let corpus: CorpusFigures | undefined;
  if (corpusMb > 0) {
    const db = await openBenchDatabase('embedded', undefined);
    try {
      corpus = await indexLargeCorpus(makeEmbedder(corpusEmbedder), db, corpusMb);
    } finally {
      await db.close();
    }
  }
  const report = { threads, cores: availableParallelism(), cells, corpus };
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else printReport(report);
  return 0;
}

async function measureCell(
  embedder: Embedder,
  db: Database,
  embedderName: EmbedderName,
  databaseName: DatabaseName,
  articles: number,
): Promise<Cell> {
  // Fixed fusion: the calibration that follows a large change is timed with the corpus run, not here.
  const retrieval = createRetrieval({ pool: db.pool, embedder, fusion: DEFAULT_FUSION });
  // Loading the model is paid once per process; keep it out of every rate below.
  await retrieval.warmUp();
  log(`${embedderName} on ${databaseName}: the embedder alone...`);
  const loadBefore = loadavg()[0] ?? 0;
  const alone = await embedderAlone(embedder, syntheticArticles(articles), ALONE_SAMPLE[embedderName]);
  log(`${embedderName} on ${databaseName}: ${alone.toFixed(1)} chunks/s alone; indexing ${articles} articles...`);
  const cpuBefore = process.cpuUsage();
  const summary = await retrieval.index(syntheticArticles(articles), {
    source: 'synthetic',
    onProgress: progressLogger(`${embedderName}/${databaseName}`),
  });
  const cpu = process.cpuUsage(cpuBefore);
  const chunksPerSecond = summary.chunks / summary.seconds;
  return {
    embedder: embedder.model,
    database: databaseName,
    articles: summary.added,
    chunks: summary.chunks,
    seconds: summary.seconds,
    chunksPerSecond,
    embedderAlone: alone,
    ratio: chunksPerSecond / alone,
    embedShare: summary.embedSeconds / summary.seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    load: [loadBefore, loadavg()[0] ?? 0],
  };
}

// The chunk texts ingestion would embed, timed in calls of the size the indexer makes.
async function embedderAlone(embedder: Embedder, items: Iterable<SourceItem>, sample: number): Promise<number> {
  const texts: string[] = [];
  for (const item of items) {
    if (item.kind !== 'article') continue;
    for (const chunk of chunkArticle(item.article.body))
      texts.push(chunkEmbedText(item.article.title, chunk.headingPath.join(HEADING_SEPARATOR), chunk.text));
    if (texts.length >= sample) break;
  }
  // A first pass pays one-off kernel set-up for new input shapes; time the second.
  await embedder.embed(texts.slice(0, 32));
  const started = performance.now();
  for (let i = 0; i < texts.length; i += CALL_SIZE) await embedder.embed(texts.slice(i, i + CALL_SIZE));
  return texts.length / ((performance.now() - started) / 1000);
}

async function indexLargeCorpus(embedder: Embedder, db: Database, megabytes: number): Promise<CorpusFigures> {
  const retrieval = createRetrieval({ pool: db.pool, embedder });
  await retrieval.warmUp();
  const limit = megabytes * 1_000_000;
  let bytes = 0;
  function* corpus(): Generator<SourceItem> {
    for (const item of syntheticArticles(1_000_000, { seed: 7 })) {
      if (bytes >= limit) return;
      if (item.kind === 'article')
        bytes += Buffer.byteLength(item.article.title) + Buffer.byteLength(item.article.body);
      yield item;
    }
  }
  log(`corpus: indexing ${megabytes} MB of synthetic Markdown with ${embedder.model} on embedded PGlite (on disk)...`);
  const loadBefore = loadavg()[0] ?? 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const summary = await retrieval.index(corpus(), { source: 'corpus', onProgress: progressLogger('corpus') });
  const runSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    embedder: embedder.model,
    megabytes: bytes / 1_000_000,
    articles: summary.added,
    chunks: summary.chunks,
    seconds: summary.seconds,
    runSeconds,
    embedShare: summary.embedSeconds / summary.seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    load: [loadBefore, loadavg()[0] ?? 0],
  };
}

// Embedded is PGlite in a data folder on disk, as `pnpm kb` and the API run it, not in memory.
async function openBenchDatabase(name: DatabaseName, serverUrl: string | undefined): Promise<Database> {
  if (name === 'server') return openScratchDatabase({ serverUrl });
  const dir = await mkdtemp(join(tmpdir(), 'bench-ingest-'));
  const db = await openDatabase({ dataDir: join(dir, 'pgdata') });
  await migrate(db.pool);
  return {
    ...db,
    close: async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// A line every 10 seconds: enough to see a long run move, not a line per batch.
function progressLogger(name: string): (p: IndexProgress) => void {
  let last = 0;
  return (p) => {
    if (p.seconds - last < 10) return;
    last = p.seconds;
    log(
      `  ${name}: ${p.articles} articles, ${p.chunks} chunks, ${p.seconds.toFixed(0)} s (${(p.chunks / p.seconds).toFixed(1)} chunks/s, load ${loadavg()[0]?.toFixed(1)})`,
    );
  };
}

const isEmbedderName = (name: string): name is EmbedderName => (EMBEDDERS as readonly string[]).includes(name);
const isDatabaseName = (name: string): name is DatabaseName => (DATABASES as readonly string[]).includes(name);

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}
