import { join } from 'node:path';
import { z } from 'zod';
import type { DatabaseTarget } from './open-database.js';

/** For `z.preprocess`: a variable set to the empty string counts as unset, as shells and .env files mean it. */
export const unsetIfBlank = (value: unknown): unknown => (value === '' ? undefined : value);

/**
 * Parses `env` with `schema`; on failure throws one Error listing every bad variable as
 * `NAME: problem`, for main.ts to print before exiting.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new Error(`invalid configuration:\n${lines.join('\n')}`);
}

/** Where the database is: every door reads these two variables, so they are declared once, here. */
export const DatabaseEnv = z.object({
  DATABASE_URL: z.preprocess(
    unsetIfBlank,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATA_DIR: z.preprocess(unsetIfBlank, z.string().default('./.data')),
});
export type DatabaseEnv = z.infer<typeof DatabaseEnv>;

/** The server DATABASE_URL names, else the embedded data folder under DATA_DIR. */
export function databaseTarget(env: DatabaseEnv): DatabaseTarget {
  return env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: join(env.DATA_DIR, 'pgdata') };
}
