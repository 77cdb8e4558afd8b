import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { AppError } from '@support/db';
import { z } from 'zod';

const FULL_SYNC_OF_NOTHING = 'must not be empty: a full sync of nothing would delete every article of the source';

/**
 * What a re-index reads: exactly one of a server folder (inside REINDEX_ALLOWED_DIRS), uploaded
 * articles (ArticleInput objects, each checked when the job runs, so one bad article is an error
 * of that article, not of the upload), or a Zendesk Help Center export.
 */
export const ReindexRequest = z
  .strictObject({
    folder: z.string().refine(isAbsolute, 'must be an absolute path').optional(),
    articles: z.array(z.looseObject({})).min(1, FULL_SYNC_OF_NOTHING).optional(),
    export: z.looseObject({ articles: z.array(z.unknown()).min(1, FULL_SYNC_OF_NOTHING) }).optional(),
  })
  .refine(
    (r) => [r.folder, r.articles, r.export].filter((v) => v !== undefined).length === 1,
    'expected exactly one of folder, articles or export',
  );
export type ReindexRequest = z.infer<typeof ReindexRequest>;

/**
 * Resolves `folder` (symlinks and `..` included) and returns its real path when it lies inside
 * one of `allowedDirs`; otherwise throws `forbidden` naming the path. A missing path outside the
 * list is forbidden too, so the answer does not reveal what exists elsewhere on the server.
 */
export async function resolveAllowedFolder(folder: string, allowedDirs: readonly string[]): Promise<string> {
  if (!isAbsolute(folder)) throw new AppError('invalid_input', 'folder: must be an absolute path');
  const allowed = await realAllowedDirs(allowedDirs);
  const real = await realpath(folder).catch(() => undefined);
  const forbidden = new AppError(
    'forbidden',
    `folder ${folder} is outside the folders allowed for re-indexing (set REINDEX_ALLOWED_DIRS)`,
  );
  if (real === undefined) {
    // Nothing to resolve: compare the normalised path with the configured folders as written.
    const lexical = [...allowed, ...allowedDirs.map((dir) => resolve(dir))];
    if (!lexical.some((dir) => isInside(resolve(folder), dir))) throw forbidden;
    throw new AppError('invalid_input', `folder: ${folder} does not exist`);
  }
  if (!allowed.some((dir) => isInside(real, dir))) throw forbidden;
  return real;
}

// Allowed folders are resolved too: a configured path may itself be (or sit under) a symlink.
async function realAllowedDirs(allowedDirs: readonly string[]): Promise<string[]> {
  const dirs = await Promise.all(allowedDirs.map((dir) => realpath(dir).catch(() => undefined)));
  return dirs.filter((dir): dir is string => dir !== undefined);
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  // `..x` is a legal folder name inside dir, so only a whole `..` segment means "outside".
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
