import { createEmbedderFromEnv, EmbedderEnv } from '@support/retrieval';
import { describe, expect, it } from 'vitest';
import { defaultMinSimilarity } from './config.js';

describe('defaultMinSimilarity', () => {
  const model = (vars: Record<string, string>) => createEmbedderFromEnv(EmbedderEnv.parse(vars)).model;

  it('follows the embedding model, whose similarities have their own scale', () => {
    expect(defaultMinSimilarity(model({ EMBEDDING_PROVIDER: 'static' }))).toBe(0.3);
    expect(defaultMinSimilarity(model({ EMBEDDING_PROVIDER: 'hashing' }))).toBe(0.1);
    // auto is USE-lite until the knowledge base holds a fitted table.
    expect(defaultMinSimilarity(model({}))).toBe(defaultMinSimilarity(model({ EMBEDDING_PROVIDER: 'local' })));
    expect(defaultMinSimilarity(model({ EMBEDDING_PROVIDER: 'local' }))).toBeGreaterThan(0.3);
  });

  it('abstains higher with a table fitted to the knowledge base, whose similarities run higher', () => {
    // The name every fitted table gets (distill-static-table.ts), whether from a file or the database.
    expect(defaultMinSimilarity('static:use-lite-fit-256-4c393107')).toBe(0.6);
  });
});
