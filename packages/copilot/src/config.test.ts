import { EmbedderEnv } from '@support/retrieval';
import { describe, expect, it } from 'vitest';
import { defaultMinSimilarity } from './config.js';

describe('defaultMinSimilarity', () => {
  const env = (vars: Record<string, string>) => EmbedderEnv.parse(vars);

  it('abstains higher with a static table fitted to the knowledge base, whose similarities run higher', () => {
    const shipped = defaultMinSimilarity(env({ EMBEDDING_PROVIDER: 'static' }));
    const fitted = defaultMinSimilarity(
      env({ EMBEDDING_PROVIDER: 'static', STATIC_EMBEDDER_TABLE: '.data/kb-table.bin' }),
    );
    expect(shipped).toBe(0.3);
    expect(fitted).toBe(0.6);
    // The table variable means nothing to other embedders.
    expect(
      defaultMinSimilarity(env({ EMBEDDING_PROVIDER: 'local', STATIC_EMBEDDER_TABLE: '.data/kb-table.bin' })),
    ).toBe(defaultMinSimilarity(env({ EMBEDDING_PROVIDER: 'local' })));
  });
});
