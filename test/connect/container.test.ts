// The container for merchants who run the connector outside Connect: the Dockerfile builds dist/ and runs it with
// production dependencies as a non-root user, and compose.yaml gives it a PostgreSQL server. `docker build` runs
// where a Docker engine answers; elsewhere that test is skipped, saying why.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const dockerfile = readFileSync('Dockerfile', 'utf8');
const stages = dockerfile.split(/^FROM /m).slice(1);

function dockerAnswers(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

describe('the Dockerfile', () => {
  it('builds in one stage and runs the compiled connector with production dependencies, not as root', () => {
    expect(stages).toHaveLength(2);
    const [build, runtime] = stages as [string, string];
    expect(build).toContain('RUN npm run build');
    expect(runtime).toContain('RUN npm ci --omit=dev');
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    expect(runtime).toMatch(/^ENV NODE_ENV=production/m);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toContain('CMD ["node", "bin/start.mjs"]');
  });

  it('copies only files that exist', () => {
    for (const [, sources] of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm))
      for (const source of sources!.split(' ')) expect(existsSync(source), source).toBe(true);
  });

  it('is what compose.yaml runs, on a PostgreSQL server of its own', () => {
    const compose = parse(readFileSync('compose.yaml', 'utf8'));
    expect(compose.services.connector.build).toBe('.');
    expect(compose.services.connector.environment.DATABASE_URL).toMatch(
      /^postgres:\/\/[^@]+@postgres:5432\//,
    );
    expect(compose.services.connector.depends_on.postgres.condition).toBe('service_healthy');
  });

  it('builds with docker', (context) => {
    if (!dockerAnswers())
      context.skip(
        'no Docker engine answers `docker info` on this machine: docker build is checked where one does',
      );
    execFileSync('docker', ['build', '--tag', 'ct-friendbuy:test', '.'], { stdio: 'pipe', timeout: 600_000 });
  }, 600_000);
});
