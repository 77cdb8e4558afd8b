// What end-to-end tests and embedders of the API import: the app factory and its types.

export type { ApiApp, ApiEnv } from './api-env.js';
export type { ApiDeps } from './app.js';
/** Builds the whole HTTP API from its collaborators. */
export { createApp } from './app.js';
