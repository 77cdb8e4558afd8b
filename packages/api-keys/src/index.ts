// The public surface of @support/api-keys: API keys, stored hashed, with scopes, an audience and
// allowed origins. The API checks them; the API and the CLI create them.

export type { AdminSessionStore } from './admin-sessions.js';
/** Dashboard sessions: an admin key exchanged for an opaque token, stored hashed, ended on sign-out. */
export { ADMIN_SESSION_TTL_MS, createAdminSessionStore } from './admin-sessions.js';
export type { ApiKeyStore, RateDecision } from './key-store.js';
/** The scopes a key can carry, what creating one takes, and the store (create, verify, list, revoke). */
export { API_SCOPES, createApiKeyStore, NewApiKey } from './key-store.js';
export type { ApiKeyRecord, ApiScope } from './queries/api-keys.js';
