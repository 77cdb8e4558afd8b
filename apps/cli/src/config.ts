import { DatabaseEnv, parseEnv } from '@support/db';
import { EmbedderEnv } from '@support/retrieval';
import type { z } from 'zod';

// The CLI reads where the database is and which embedder fills it.
const CliEnv = DatabaseEnv.extend(EmbedderEnv.shape);
export type CliConfig = z.infer<typeof CliEnv>;

/** Parses the environment; throws an error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): CliConfig {
  return parseEnv(CliEnv, env);
}
