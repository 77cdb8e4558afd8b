/** createApp's tunables; each default is written here only, and config.ts gives the environment the same. */
export interface ApiOptions {
  /** Requests per API key over a sliding minute, shared by every API process on the database. */
  rateLimitPerMinute?: number;
  /** The largest request body under /v1 (a bulk upload or a re-index upload is the large one). */
  bodyLimitBytes?: number;
  /** The clock for what reports by time (stats periods); tests pass their own. */
  now?: () => number;
}

/** The defaults of ApiOptions. */
export const API_DEFAULTS = { rateLimitPerMinute: 120, bodyLimitBytes: 20_000_000 } as const;
