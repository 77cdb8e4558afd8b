import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedderFromEnv, EmbedderEnv } from './embedder-env.js';
import { readStaticTable, writeStaticTable } from './static-table.js';

describe('createEmbedderFromEnv with the static embedder', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embedder-env-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const env = (vars: Record<string, string>) => EmbedderEnv.parse({ EMBEDDING_PROVIDER: 'static', ...vars });

  it('embeds with the table STATIC_EMBEDDER_TABLE names, under that table’s model name', async () => {
    const shipped = readStaticTable();
    // Another table: the shipped rows reversed in sign, under a fitted table's name.
    const path = join(dir, 'fitted.bin');
    await writeStaticTable(path, {
      ...shipped,
      model: 'static:use-lite-fit-256-0123abcd',
      vectors: shipped.vectors.map((v) => -v),
    });
    const fitted = createEmbedderFromEnv(env({ STATIC_EMBEDDER_TABLE: path }));
    const standard = createEmbedderFromEnv(env({ STATIC_EMBEDDER_TABLE: '' }));
    expect(fitted.model).toBe('static:use-lite-fit-256-0123abcd');
    expect(standard.model).toBe(shipped.model);
    const [a] = await fitted.embed(['where is my refund']);
    const [b] = await standard.embed(['where is my refund']);
    expect(a?.[0]).toBeCloseTo(-(b?.[0] ?? 0), 2);
  });

  it('names the variable and what is wrong with the file it points at', async () => {
    expect(() => createEmbedderFromEnv(env({ STATIC_EMBEDDER_TABLE: join(dir, 'missing.bin') }))).toThrow(
      /STATIC_EMBEDDER_TABLE=.*missing\.bin: no such file/,
    );
    const notATable = join(dir, 'notes.txt');
    await writeFile(notATable, 'hello');
    expect(() => createEmbedderFromEnv(env({ STATIC_EMBEDDER_TABLE: notATable }))).toThrow(
      /STATIC_EMBEDDER_TABLE=.*notes\.txt: .*not a static embedding table/,
    );
  });

  it('reads questions with USE-lite for a table that carries a projection, unless STATIC_EMBEDDER_QUESTIONS=table', async () => {
    const shipped = readStaticTable();
    const path = join(dir, 'projected.bin');
    const mean = new Float32Array(512);
    const axes = new Float32Array(shipped.dimensions * 512);
    for (let c = 0; c < shipped.dimensions; c++) axes[c * 512 + c] = 1;
    await writeStaticTable(path, { ...shipped, queryProjection: { sourceDimensions: 512, mean, axes } });
    expect(createEmbedderFromEnv(env({ STATIC_EMBEDDER_TABLE: path })).embedQueries).toBeTypeOf('function');
    const onTable = createEmbedderFromEnv(env({ STATIC_EMBEDDER_TABLE: path, STATIC_EMBEDDER_QUESTIONS: 'table' }));
    expect(onTable.embedQueries).toBe(undefined);
    expect(() => env({ STATIC_EMBEDDER_QUESTIONS: 'use-lite' })).toThrow(/expected model or table/);
  });
});
