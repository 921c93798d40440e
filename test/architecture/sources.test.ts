// Time and environment each have one source: the clock (src/clock.ts), which the sandbox and the tests can move,
// and the configuration (src/config.ts), which validates every variable at start. New code reads them there.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const src = new URL('../../src/', import.meta.url);
const sources = (readdirSync(src, { recursive: true }) as string[])
  .filter((path) => path.endsWith('.ts') && !/\.test(-kit)?\.ts$/.test(path))
  .map((path) => path.replaceAll('\\', '/'));

function offenders(pattern: RegExp, allowed: (path: string) => boolean): string[] {
  return sources.flatMap((path) =>
    allowed(path)
      ? []
      : readFileSync(new URL(path, src), 'utf8')
          .split('\n')
          .flatMap((line, index) => (pattern.test(line) ? [`src/${path}:${index + 1}: ${line.trim()}`] : [])),
  );
}

describe('sources', () => {
  it('read the time only through the clock (the sandbox keeps its own)', () => {
    const found = offenders(
      /Date\.now\(|new Date\(\)|performance\.now\(/,
      (path) => path === 'clock.ts' || path.startsWith('sandbox/'),
    );
    expect(found, 'use the injected Clock, or startStopwatch() for elapsed time').toEqual([]);
  });

  it('read the environment only through the configuration', () => {
    const found = offenders(/process\.env\b/, (path) => path === 'config.ts');
    expect(found, 'add the variable to src/config/variables.ts and read it from Config').toEqual([]);
  });
});
