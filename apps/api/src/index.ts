// What end-to-end tests and embedders of the API import: the app factory and its types.

export type { ApiApp, ApiDeps, ApiEnv } from './app.js';
/** Builds the whole HTTP API from its collaborators. */
export { createApp } from './app.js';
