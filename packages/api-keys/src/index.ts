// The public surface of @support/api-keys: API keys, stored hashed, with scopes, an audience and
// allowed origins. The API checks them; the API and the CLI create them.

export type { ApiKeyStore } from './key-store.js';
/** The scopes a key can carry, what creating one takes, and the store (create, verify, list, revoke). */
export { API_SCOPES, createApiKeyStore, NewApiKey } from './key-store.js';
export type { ApiKeyRecord, ApiScope } from './queries/api-keys.js';
