import { dispatch } from './run-entry.js';

await dispatch(
  'bench',
  {
    ingest: () => import('../packages/retrieval/bench/ingest.js'),
    search: () => import('../packages/retrieval/bench/search.js'),
    fusion: () => import('../packages/retrieval/bench/fusion.js'),
    fit: () => import('../packages/retrieval/bench/fit.js'),
    guardrails: () => import('../packages/guardrails/bench/guardrails.js'),
    api: () => import('../test/bench/api.js'),
    widget: () => import('../apps/widget/bench/size.js'),
    slack: () => import('../test/bench/slack.js'),
  },
  process.argv.slice(2),
);
