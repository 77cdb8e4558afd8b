import { parseEnv, RetrievalEnv } from '@support/retrieval';

/** The CLI reads exactly the knowledge base's variables. */
export type CliConfig = RetrievalEnv;

/** Parses the environment; throws an error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): CliConfig {
  return parseEnv(RetrievalEnv, env);
}
