import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DatabaseEnv, parseEnv } from '@support/db';
import { openScratchDatabase } from '@support/db/testing';
import { EmbedderEnv } from '../src/embed/embedder-env.js';
import {
  createHashingEmbedder,
  createLocalEmbedder,
  createRetrieval,
  type Embedder,
  type IndexProgress,
  type IndexSummary,
  readSource,
  type SourceItem,
} from '../src/index.js';
import { chunkArticle } from '../src/ingest/chunk.js';
import { chunkEmbedText } from '../src/ingest/content-hash.js';
import { HEADING_SEPARATOR } from '../src/queries/search.js';
import { syntheticArticles } from './synthetic-kb.js';

const USAGE = 'usage: pnpm bench ingest [--articles 10000] [--embedder local|hashing] [--sample-only] [--json]';
const SAMPLE_DIR = fileURLToPath(new URL('../../../kb/sample', import.meta.url));
// Enough texts for a stable rate, few enough that the local model measures them in ~15 s.
const RAW_SAMPLE = 200;

/** The figures for one knowledge base. */
interface KbFigures {
  articles: number;
  chunks: number;
  embedded: number;
  failed: number;
  seconds: number;
  articlesPerSecond: number;
  chunksPerSecond: number;
  embedSeconds: number;
  /** Share of the run spent inside the embedder. */
  embedShare: number;
  /** Chunks/s of the embedder alone, on the same kind of chunk texts. */
  embedderChunksPerSecond: number;
  /** Pipeline chunks/s as a share of the embedder's own rate: 1 means the embedder is the only cost. */
  shareOfEmbedderLimit: number;
  secondRunSeconds: number;
  secondRunUnchanged: number;
}

/** `pnpm bench ingest`: ingestion throughput on the sample KB and a synthetic one. Figures are printed, never asserted. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      articles: { type: 'string', default: '10000' },
      embedder: { type: 'string', default: 'local' },
      'sample-only': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const articles = Number(values.articles);
  if (!Number.isInteger(articles) || articles < 1 || (values.embedder !== 'local' && values.embedder !== 'hashing')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const env = parseEnv(DatabaseEnv.extend(EmbedderEnv.shape), process.env);
  // EMBEDDING_THREADS sets the local embedder's worker threads, as it does for the product.
  const embedder =
    values.embedder === 'hashing' ? createHashingEmbedder() : createLocalEmbedder({ threads: env.EMBEDDING_THREADS });
  const db = await openScratchDatabase({ serverUrl: env.DATABASE_URL });
  try {
    const retrieval = createRetrieval({ pool: db.pool, embedder });
    log(`scratch ${db.kind} database, embedder ${embedder.model}`);
    const loadStarted = performance.now();
    // Loading the model is paid once per process; keep it out of every rate below.
    await retrieval.warmUp();
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const kbs: { name: string; source: string; items: () => AsyncIterable<SourceItem> | Iterable<SourceItem> }[] = [
      { name: 'sample', source: 'sample', items: () => readSource(SAMPLE_DIR) },
    ];
    if (!values['sample-only'])
      kbs.push({ name: `synthetic-${articles}`, source: 'synthetic', items: () => syntheticArticles(articles) });

    const figures: Record<string, KbFigures> = {};
    for (const kb of kbs) {
      log(`${kb.name}: measuring the embedder alone on up to ${RAW_SAMPLE} chunk texts...`);
      const rate = await embedderRate(embedder, kb.items());
      log(`${kb.name}: ${rate.toFixed(1)} chunks/s; indexing...`);
      const first = await retrieval.index(kb.items(), { source: kb.source, onProgress: progressLogger(kb.name) });
      log(`${kb.name}: second, unchanged run...`);
      const second = await retrieval.index(kb.items(), { source: kb.source });
      figures[kb.name] = toFigures(first, second, rate);
    }
    const result = {
      database: db.kind,
      embedder: embedder.model,
      embedderLoadSeconds: round(loadSeconds),
      kbs: figures,
      loadavg: loadavg().map(round),
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else printTable(result);
    return 0;
  } finally {
    await db.close();
  }
}

// Chunks exactly as ingestion chunks them, and the text the embedder sees for each.
async function embedderRate(
  embedder: Embedder,
  items: AsyncIterable<SourceItem> | Iterable<SourceItem>,
): Promise<number> {
  const texts: string[] = [];
  for await (const item of items) {
    if (item.kind !== 'article') continue;
    for (const chunk of chunkArticle(item.article.body))
      texts.push(chunkEmbedText(item.article.title, chunk.headingPath.join(HEADING_SEPARATOR), chunk.text));
    if (texts.length >= RAW_SAMPLE) break;
  }
  const sample = texts.slice(0, RAW_SAMPLE);
  // A first pass pays one-off kernel set-up for new input shapes; time the second.
  await embedder.embed(sample.slice(0, 32));
  const started = performance.now();
  await embedder.embed(sample);
  return sample.length / ((performance.now() - started) / 1000);
}

function toFigures(first: IndexSummary, second: IndexSummary, embedderChunksPerSecond: number): KbFigures {
  const articles = first.added + first.updated + first.unchanged;
  const chunksPerSecond = first.chunks / first.seconds;
  return {
    articles,
    chunks: first.chunks,
    embedded: first.embedded,
    failed: first.failed.length,
    seconds: round(first.seconds),
    articlesPerSecond: round(articles / first.seconds),
    chunksPerSecond: round(chunksPerSecond),
    embedSeconds: round(first.embedSeconds),
    embedShare: round(first.embedSeconds / first.seconds),
    embedderChunksPerSecond: round(embedderChunksPerSecond),
    shareOfEmbedderLimit: round(chunksPerSecond / embedderChunksPerSecond),
    secondRunSeconds: round(second.seconds),
    secondRunUnchanged: second.unchanged,
  };
}

// A line every few seconds: enough to see a long run move, not a line per batch.
function progressLogger(name: string): (p: IndexProgress) => void {
  let last = 0;
  return (p) => {
    if (p.seconds - last < 10) return;
    last = p.seconds;
    log(
      `  ${name}: ${p.articles} articles, ${p.chunks} chunks, ${p.embedded} embedded, ${p.seconds.toFixed(0)} s (${(p.chunks / p.seconds).toFixed(1)} chunks/s)`,
    );
  };
}

function printTable(result: {
  database: string;
  embedder: string;
  embedderLoadSeconds: number;
  kbs: Record<string, KbFigures>;
  loadavg: number[];
}): void {
  const out = [
    `ingest on ${result.database}, embedder ${result.embedder} (loaded in ${result.embedderLoadSeconds} s), load ${result.loadavg[0]}`,
    'kb                  articles  chunks  seconds  articles/s  chunks/s  embed share  embedder alone  of limit  2nd run',
  ];
  for (const [name, f] of Object.entries(result.kbs)) {
    out.push(
      [
        name.padEnd(18),
        String(f.articles).padStart(9),
        String(f.chunks).padStart(7),
        f.seconds.toFixed(1).padStart(8),
        f.articlesPerSecond.toFixed(1).padStart(11),
        f.chunksPerSecond.toFixed(1).padStart(9),
        `${(f.embedShare * 100).toFixed(0)}%`.padStart(12),
        `${f.embedderChunksPerSecond.toFixed(1)}/s`.padStart(15),
        `${(f.shareOfEmbedderLimit * 100).toFixed(0)}%`.padStart(9),
        `${f.secondRunSeconds.toFixed(2)} s`.padStart(8),
      ].join(' '),
    );
    if (f.failed > 0) out.push(`  ${f.failed} item(s) failed`);
  }
  out.push(
    'embed share = embedder time / run time; embedder alone = chunks/s embedding the same chunk texts directly;',
    'of limit = pipeline chunks/s / embedder-alone chunks/s; 2nd run = the same source again, unchanged.',
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

const round = (v: number) => Number(v.toFixed(3));
