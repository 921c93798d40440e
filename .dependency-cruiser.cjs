// Layer rules of docs/architecture.md, checked by `npm run lint:deps` (part of `npm run lint`). Test files and
// test kits may import anything; every rule applies to the code they test.
const TESTS = '\\.test\\.ts$|\\.test-kit\\.ts$';
const ADAPTERS = '^src/(commercetools|friendbuy|store)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle ties modules together so that neither can change or be tested alone.',
      from: { pathNot: TESTS },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'src/domain takes values and returns values: nothing outside it (hashing with node:crypto aside).',
      from: { path: '^src/domain/', pathNot: TESTS },
      to: { pathNot: ['^src/domain/', '^crypto$'] },
    },
    {
      name: 'adapters-import-domain-only',
      severity: 'error',
      comment:
        'commercetools, friendbuy and store speak to one outside system each: they import the domain, their SDK ' +
        'and the clock, never each other nor the layers above them.',
      from: { path: ADAPTERS, pathNot: TESTS },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/clock\\.ts$', '^src/$1/'] },
    },
    {
      name: 'observability-imports-domain-only',
      severity: 'error',
      comment:
        'Metrics, tracing and the call context are an adapter to Prometheus and OpenTelemetry: flows, routes and ' +
        'the worker report to them; they import nothing of the connector but the domain and the clock.',
      from: { path: '^src/observability/', pathNot: TESTS },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/clock\\.ts$', '^src/observability/'] },
    },
    {
      name: 'flows-not-http',
      severity: 'error',
      comment: 'Flows are called by routes, jobs and the CLI; they never know who called them.',
      from: { path: '^src/flows/', pathNot: TESTS },
      to: { path: '^src/(http|sandbox|cli)/' },
    },
    {
      name: 'flows-not-jobs',
      severity: 'error',
      comment: 'The worker runs the flows; a flow importing the worker turns the layers upside down.',
      from: { path: '^src/flows/', pathNot: TESTS },
      to: { path: '^src/jobs/' },
    },
    {
      name: 'routes-not-store',
      severity: 'error',
      comment: 'Routes parse, call a flow and answer; SQL stays in src/store behind the flows.',
      from: { path: '^src/http/routes/', pathNot: TESTS },
      to: { path: '^src/store/' },
    },
    {
      name: 'http-not-jobs-or-cli',
      severity: 'error',
      comment: 'The HTTP layer calls flows; the worker and the CLI are other entry points.',
      from: { path: '^src/http/', pathNot: TESTS },
      to: { path: '^src/(jobs|cli)/' },
    },
    {
      name: 'jobs-above-flows',
      severity: 'error',
      comment: 'The worker runs flows; it knows nothing of HTTP, the CLI or the sandbox.',
      from: { path: '^src/jobs/', pathNot: TESTS },
      to: { path: '^src/(http|cli|sandbox)/' },
    },
    {
      name: 'sandbox-only-from-composition-root',
      severity: 'error',
      comment:
        'The sandbox is a product feature wired in by the composition root (src/connector.ts) and used by the ' +
        "CLI's sandbox commands; production code paths never reach into it.",
      from: {
        path: '^src/',
        pathNot: [TESTS, '^src/sandbox/', '^src/connector\\.ts$', '^src/cli/sandbox-[^/]+\\.ts$'],
      },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'storefront-own-code-only',
      severity: 'error',
      comment: 'The browser kit is bundled on its own: it cannot reach into the connector.',
      from: { path: '^storefront/' },
      to: { pathNot: '^storefront/' },
    },
    {
      name: 'console-own-code-only',
      severity: 'error',
      comment:
        'The operator console is bundled on its own and speaks to the connector only through the admin API: ' +
        'its own code and its npm packages, nothing of the connector (not even types).',
      from: { path: '^console/' },
      to: { pathNot: ['^console/', '^node_modules/'] },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment:
        'A module nothing imports is dead code (entry points aside: the connector, the CLI, and the sandbox ' +
        "emulator's browser SDK, which esbuild bundles on its own).",
      from: {
        orphan: true,
        pathNot: [
          TESTS,
          '\\.d\\.ts$',
          '^src/main\\.ts$',
          '^src/cli/index\\.ts$',
          '^storefront/sandbox/emulated-friendbuy\\.ts$',
          '^console/index\\.tsx$',
          '(^|/)tsconfig\\.json$',
        ],
      },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve fails at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'Production code must not need a package `npm ci --omit=dev` leaves out.',
      from: { path: '^src/', pathNot: TESTS },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
