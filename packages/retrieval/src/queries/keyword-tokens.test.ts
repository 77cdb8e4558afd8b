import type { Database } from '@support/db';
import { openTestDatabase } from '@support/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHashingEmbedder } from '../embed/hashing-embedder.js';
import { type SourceItem, toSourceItem } from '../ingest/article-input.js';
import { createRetrieval, type Retrieval } from '../retrieval.js';

const article = (externalId: string, title: string, body: string): SourceItem =>
  toSourceItem(externalId, { externalId, title, body });

// Technical documentation: names with dots, hyphens and slashes, and questions that lean on words
// a long stop list would drop (migration 0015).
const corpus = [
  article('lockfile.md', 'Lockfiles', 'Commit `package-lock.json` so every install resolves the same tree.'),
  article('files.md', 'Reading files', 'Use `fs.readFile()` to load a whole file into memory at once.'),
  article('publish.md', 'Publishing', 'Publishing never overwrites a version.'),
  article('version.md', 'Versions', 'Allow publishing the same version twice with the override flag.'),
  article('host.md', 'Registry', 'Point the client at registry.example.com/api for private packages.'),
  // Written before the article that answers, so a tie would put it first.
  article('leave.md', 'Team members', 'Members are removed from a team by its owner.'),
  article('join.md', 'Team members', 'Members are added to a team by its owner.'),
];

describe('keyword search over technical text', () => {
  let db: Database;
  let retrieval: Retrieval;

  beforeAll(async () => {
    db = await openTestDatabase();
    retrieval = createRetrieval({ pool: db.pool, embedder: createHashingEmbedder() });
    await retrieval.index(corpus, { source: 'docs' });
  });
  afterAll(() => db.close());

  const top = async (query: string) =>
    (await retrieval.search({ query, mode: 'keyword', k: 3 })).hits.map((h) => h.articleId);

  it('finds a file name, a member or a host from the words they are made of', async () => {
    expect((await top('which package lock should I commit'))[0]).toBe('lockfile.md');
    expect((await top('readFile'))[0]).toBe('files.md');
    expect((await top('example registry api'))[0]).toBe('host.md');
  });

  it('still finds the whole name when the question spells it out', async () => {
    expect((await top('package-lock.json'))[0]).toBe('lockfile.md');
    expect((await top('fs.readFile'))[0]).toBe('files.md');
  });

  it('keeps words that tell two sections apart, such as "same"', async () => {
    expect((await top('publish the same version'))[0]).toBe('version.md');
  });

  it('matches "added" to "add" on every PostgreSQL version (Snowball changed the stem; migration 0019)', async () => {
    expect((await top('add members to a team'))[0]).toBe('join.md');
  });
});
