import { isAbsolute } from 'node:path';
import { CopilotEnv } from '@support/copilot';
import { DatabaseEnv, parseEnv } from '@support/db';
import { EmbedderEnv } from '@support/retrieval';
import { z } from 'zod';
import { API_DEFAULTS } from './api-options.js';

const ApiEnvSchema = DatabaseEnv.extend(EmbedderEnv.shape)
  .extend(CopilotEnv.shape)
  .extend({
    // Folders a re-index may read from, colon-separated like PATH; none by default.
    REINDEX_ALLOWED_DIRS: z
      .string()
      .default('')
      .transform((value) => value.split(':').filter((dir) => dir !== ''))
      .refine((dirs) => dirs.every(isAbsolute), 'expected absolute paths separated by ":"'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(API_DEFAULTS.rateLimitPerMinute),
    JOB_RETENTION_DAYS: z.coerce.number().min(0.001).max(3650).default(30),
    // A running job whose worker sent no heartbeat (one a second) for this long is re-queued by
    // another process on the same PostgreSQL; at least a few heartbeats, so a busy worker is not
    // taken for a dead one.
    JOB_STALE_AFTER_MS: z.coerce.number().int().min(5_000).max(86_400_000).default(60_000),
    // A client gets this long to send a whole request (headers and body), so a slow or stalled
    // sender cannot hold a socket for Node's default five minutes. Answers may stream for longer:
    // the clock stops once the request is read.
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(500_000_000).default(API_DEFAULTS.bodyLimitBytes),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  });
export type ApiConfig = z.infer<typeof ApiEnvSchema>;

/** Parses the environment; throws one error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  return parseEnv(ApiEnvSchema, env);
}
