// The package graph, enforced (run by `pnpm lint`, so by CI). Lower layers never import higher ones:
//   db, guardrails  <  retrieval, api-keys, slack-state  <  copilot  <  apps  <  test
// and nobody reaches into another package's folders except through a declared entry point.

// The entry points a package's exports map declares; anything else in another package is internal.
const ENTRY_POINTS = [
  '^packages/[^/]+/src/index[.]ts$',
  '^packages/db/src/testing/index[.]ts$',
  '^packages/copilot/src/testing/index[.]ts$',
  '^packages/retrieval/(eval|bench)/index[.]ts$',
  '^apps/api/src/index[.]ts$',
  '^apps/widget/src/index[.]ts$',
  '^apps/slackbot/src/index[.]ts$',
];

/** Files of `from` may import only these workspaces (and their own). */
const onlyImports = (name, from, allowed) => ({
  name,
  severity: 'error',
  comment: `${from} may import only ${allowed.length ? allowed.join(', ') : 'nothing internal'}`,
  from: { path: `^${from}/` },
  to: { path: '^(packages|apps|test)/', pathNot: [`^${from}/`, ...allowed.map((a) => `^${a}/`)] },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle: move what both sides need into a module of its own (as apps/api/src/api-env.ts does).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-deep-import',
      severity: 'error',
      comment: 'Import another package by its name (its src/index.ts), never a file inside it.',
      from: { path: '^(packages|apps)/([^/]+)/' },
      to: { path: '^(packages|apps)/', pathNot: ['^$1/$2/', ...ENTRY_POINTS] },
    },
    {
      name: 'no-test-code-in-products',
      severity: 'error',
      comment: 'Packages and apps never import the test workspace (fakes, e2e helpers).',
      from: { path: '^(packages|apps)/' },
      to: { path: '^test/' },
    },
    onlyImports('db-imports-nothing-internal', 'packages/db', []),
    onlyImports('guardrails-imports-nothing-internal', 'packages/guardrails', []),
    onlyImports('retrieval-imports-only-db', 'packages/retrieval', ['packages/db']),
    onlyImports('api-keys-import-only-db', 'packages/api-keys', ['packages/db']),
    onlyImports('widget-imports-nothing-internal', 'apps/widget', []),
    onlyImports('slack-state-imports-only-db', 'packages/slack-state', ['packages/db']),
    onlyImports('copilot-imports-db-retrieval-guardrails', 'packages/copilot', [
      'packages/db',
      'packages/retrieval',
      'packages/guardrails',
    ]),
    {
      name: 'apps-import-no-other-app',
      severity: 'error',
      comment: 'An app is a door; what two apps share belongs in a package.',
      // Except the API's main.ts, which starts the Slack bot in its own process when the Slack
      // variables are set: the embedded database admits one process.
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/api/src/main[.]ts$' },
      // One exception: the API builds and serves the widget's bundle (buildWidget, Node only; the
      // widget's browser code talks to the API over HTTP and imports nothing internal).
      to: { path: '^apps/', pathNot: ['^apps/$1/', '^apps/widget/src/index[.]ts$'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve (a deep import the exports map refuses ends here too).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
