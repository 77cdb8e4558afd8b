import { readFile } from 'node:fs/promises';
import { DatabaseEnv, parseEnv } from '@support/db';
import { EmbedderEnv } from '@support/retrieval';
import { CopilotEnv } from '../src/index.js';

// Everything an evaluated configuration reads: the database, the embedder and the copilot.
const EvalEnv = DatabaseEnv.extend(EmbedderEnv.shape).extend(CopilotEnv.shape);
type EvalEnv = ReturnType<typeof EvalEnv.parse>;

/** A configuration under evaluation: a name and the environment it runs with. */
export interface EvalConfig {
  name: string;
  env: EvalEnv;
}

// Variables that change what the index holds: a configuration that changes one needs its own index.
const INDEX_VARIABLES = [
  'EMBEDDING_PROVIDER',
  'EMBEDDING_MODEL',
  'EMBEDDING_DIMENSIONS',
  'EMBEDDING_BASE_URL',
] as const satisfies readonly (keyof EvalEnv)[];

/**
 * The configuration the process environment gives, with the answer cache off: every question of a
 * set must run the pipeline, and a second configuration must not be served the first one's answers.
 */
export function baseConfig(env: Record<string, string | undefined>): EvalConfig {
  return { name: 'current', env: parseEnv(EvalEnv, { ...env, ANSWER_CACHE: 'off' }) };
}

/**
 * Reads a --compare file: a JSON object of environment overrides, e.g.
 * `{"name": "strict", "GROUNDING_POLICY": "abstain", "LLM_MODEL": "gpt-4o-mini"}`. Every key must be
 * a variable the copilot reads (a typo would otherwise compare a configuration with itself).
 */
export async function readCompareConfig(path: string, env: Record<string, string | undefined>): Promise<EvalConfig> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`--compare ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`--compare ${path}: expected a JSON object of environment overrides`);
  const { name, ...overrides } = parsed as Record<string, unknown>;
  const known = new Set(Object.keys(EvalEnv.shape));
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(overrides)) {
    if (!known.has(key))
      throw new Error(
        `--compare ${path}: ${key} is not a variable the copilot reads (known: ${[...known].join(', ')})`,
      );
    if (!['string', 'number', 'boolean'].includes(typeof value))
      throw new Error(`--compare ${path}: ${key} must be a string, number or boolean`);
    values[key] = String(value);
  }
  const label = typeof name === 'string' && name !== '' ? name : Object.keys(values).join('+') || 'same';
  return { name: label, env: baseConfig({ ...env, ...values }).env };
}

/** True when both configurations can answer from the same index. */
export function sameIndex(a: EvalConfig, b: EvalConfig): boolean {
  return INDEX_VARIABLES.every((key) => a.env[key] === b.env[key]);
}
