import { dispatch } from './run-entry.js';

await dispatch(
  'eval',
  {
    retrieval: () => import('../packages/retrieval/eval/retrieval.js'),
    pii: () => import('../packages/guardrails/eval/pii.js'),
    grounding: () => import('../packages/guardrails/eval/grounding.js'),
    abstention: () => import('../packages/copilot/eval/abstention.js'),
    answers: () => import('../packages/copilot/eval/answers.js'),
  },
  process.argv.slice(2),
);
