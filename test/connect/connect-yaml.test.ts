// connect.yaml and the Connect application folders: generated from the configuration table, the declared jobs
// and the API scopes (so they cannot drift), valid against Connect's documented format, and complete.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { connectFiles, REGENERATE } from '../../scripts/connect-files.js';
import { API_CLIENT_SCOPES } from '../../src/commercetools/api-scopes.js';
import { VARIABLES } from '../../src/config/variables.js';
import { jobApplicationName, SET_BY_CONNECT } from '../../src/connect/manifest.js';
import { DECLARED_JOBS } from '../../src/jobs/registry.js';
import { connectSpec } from './connect-spec.js';

const root = new URL('../../', import.meta.url);
const committed = (path: string) => readFileSync(new URL(path, root), 'utf8');
const spec = connectSpec.parse(parse(committed('connect.yaml')));

type Item = { key: string; description: string; required?: boolean; default?: string };
const declared = (): Array<Item & { secured: boolean }> => {
  const configurations = [spec.inheritAs?.configuration, ...spec.deployAs.map((app) => app.configuration)];
  return configurations.flatMap((config) => [
    ...(config?.standardConfiguration ?? []).map((item) => ({ ...item, secured: false })),
    ...(config?.securedConfiguration ?? []).map((item) => ({ ...item, secured: true })),
  ]);
};

describe('connect.yaml and the application folders', () => {
  it('are what the generator writes from the code', () => {
    for (const { path, content } of connectFiles())
      expect(
        existsSync(new URL(path, root)) ? committed(path) : '',
        `${path} is stale: run ${REGENERATE}`,
      ).toBe(content);
  });

  it("validate against Connect's documented format", () => {
    expect(spec.deployAs.map((app) => `${app.applicationType} ${app.name} ${app.endpoint}`)).toEqual(
      expect.arrayContaining([
        'service service /',
        'event event /events/commercetools',
        'job job-friendbuy-analytics-pull /jobs/friendbuy-analytics-pull',
      ]),
    );
  });

  it('declare every setting the connector reads, with a description, secrets as secured configuration', () => {
    const items = declared();
    for (const [name, variable] of Object.entries(VARIABLES)) {
      if (name in SET_BY_CONNECT) {
        expect(
          items.map((item) => item.key),
          `${name} is set by Connect`,
        ).not.toContain(name);
        continue;
      }
      const found = items.filter((item) => item.key === name);
      expect(found.length, `${name} is not in connect.yaml: run ${REGENERATE}`).toBeGreaterThan(0);
      for (const item of found) {
        expect(item.description, name).not.toBe('');
        expect(item.secured, `${name} secured`).toBe(Boolean(variable.secret));
      }
    }
    expect(items.find((item) => item.key === 'DATABASE_URL')).toMatchObject({
      secured: true,
      required: true,
    });
  });

  it('let Connect create the API client with exactly the scopes of "Going live"', () => {
    const goingLive = committed('docs/going-live.md');
    const named = new Set([...goingLive.matchAll(/`((?:manage|view|introspect)_\w+)`/g)].map((m) => m[1]));
    expect([...(spec.inheritAs?.apiClient?.scopes ?? [])].sort()).toEqual([...named].sort());
    expect(spec.inheritAs?.apiClient?.scopes).toEqual(API_CLIENT_SCOPES.map((scope) => scope.scope));
  });

  it('have one job application per recurring job, on its cron', () => {
    const recurring = DECLARED_JOBS.filter((job) => job.schedule);
    expect(recurring.length).toBeGreaterThan(0);
    const jobs = spec.deployAs.filter((app) => app.applicationType === 'job');
    expect(jobs.map((app) => [app.name, app.properties.schedule])).toEqual(
      recurring.map((job) => [jobApplicationName(job.kind.name), job.schedule?.cron]),
    );
  });

  it('leave no application folder behind for a job that is no longer declared', () => {
    const deployed = new Set(spec.deployAs.map((app) => app.name));
    const folders = readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/index.mjs`, root)))
      .map((entry) => entry.name);
    for (const folder of folders)
      expect(deployed.has(folder), `${folder}/ is not in connect.yaml: remove it or run ${REGENERATE}`).toBe(
        true,
      );
  });

  it('give every application a folder whose package depends on the shared code and starts it', () => {
    for (const app of spec.deployAs) {
      const pkg = JSON.parse(committed(`${app.name}/package.json`));
      expect(pkg.dependencies, app.name).toEqual({ 'ct-friendbuy': 'file:..' });
      expect(pkg.scripts.start, app.name).toBe('node index.mjs');
      expect(pkg.scripts['gcp-build'], app.name).toBeDefined();
      expect(existsSync(new URL(`${app.name}/index.mjs`, root)), app.name).toBe(true);
      for (const script of Object.values(app.scripts ?? {}))
        for (const [, run] of script.matchAll(/npm run ([\w:-]+)/g))
          expect(pkg.scripts[run!], `${app.name}: ${run}`).toBeDefined();
    }
  });
});

describe("the documented format's schema", () => {
  const valid = { deployAs: [{ name: 'event', applicationType: 'event', endpoint: '/event' }] };
  it.each([
    ['an unknown key', { ...valid, version: 2 }],
    ['a job without a schedule', { deployAs: [{ name: 'job', applicationType: 'job', endpoint: '/job' }] }],
    [
      'a reserved configuration key',
      {
        deployAs: [
          {
            ...valid.deployAs[0],
            configuration: { standardConfiguration: [{ key: 'PORT', description: 'port' }] },
          },
        ],
      },
    ],
    [
      'a default on secured configuration',
      {
        inheritAs: {
          configuration: { securedConfiguration: [{ key: 'TOKEN', description: 't', default: 'x' }] },
        },
        ...valid,
      },
    ],
    ['an endpoint with a dot', { deployAs: [{ ...valid.deployAs[0], endpoint: '/jobs/a.b' }] }],
  ])('refuses %s', (_name, candidate) => {
    expect(connectSpec.safeParse(candidate).success).toBe(false);
    expect(connectSpec.safeParse(valid).success).toBe(true);
  });
});
