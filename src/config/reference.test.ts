import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedDocs, REGENERATE } from './reference.js';
import { defaultFor } from './variable.js';
import { VARIABLES } from './variables.js';

const root = new URL('../../', import.meta.url);
const committed = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('generated documentation', () => {
  it('matches the configuration table and the campaigns schema', () => {
    for (const { path, content } of generatedDocs(committed('docs/configuration.md')))
      expect(committed(path), `${path} is stale: run ${REGENERATE}`).toBe(content);
  });

  it('documents every variable the loader reads', () => {
    const page = committed('docs/configuration.md');
    for (const name of Object.keys(VARIABLES)) expect(page).toContain(`| \`${name}\``);
  });
});

describe('the configuration table', () => {
  it('has defaults its own parsers accept, in both modes', () => {
    for (const [name, variable] of Object.entries(VARIABLES))
      for (const mode of ['sandbox', 'live'] as const) {
        const raw = defaultFor(variable, mode);
        if (raw !== undefined)
          expect(variable.parse.parse(raw), `${name} in ${mode}`).toHaveProperty('value');
      }
  });

  it('gives every variable a line of documentation and what it accepts', () => {
    for (const [name, variable] of Object.entries(VARIABLES)) {
      expect(variable.doc, name).not.toBe('');
      expect(variable.parse.accepts, name).not.toBe('');
    }
  });
});
