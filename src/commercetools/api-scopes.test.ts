// Keeps the scope list honest: every commercetools endpoint the connector's code calls is covered by a listed
// scope, no listed scope covers nothing the code calls, and docs/going-live.md names exactly these.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_CLIENT_SCOPES, scopeList } from './api-scopes.js';

const ENDPOINT_CALL = /\.(\w+)\(\)\s*\.(?:withId|withKey|get|post|delete|head)\b/g;
/** SDK builder steps that are not endpoints of their own. */
const NOT_ENDPOINTS = new Set(['withProjectKey', 'inStoreKeyWithStoreKeyValue', 'execute']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'sandbox' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The endpoints the connector calls (the sandbox emulates commercetools, it is not a client of it). */
function calledEndpoints(): Set<string> {
  const called = new Set<string>();
  for (const file of sourceFiles('src')) {
    // The CLI's sandbox demos act as a shopper on the emulated project, not as the connector's client.
    if (file.includes('cli/sandbox-')) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(ENDPOINT_CALL)) {
      const endpoint = match[1] ?? '';
      if (!NOT_ENDPOINTS.has(endpoint) && !/^\s*(\*|\/\/)/.test(lineOf(text, match.index ?? 0)))
        called.add(endpoint);
    }
    if (text.includes('/oauth/introspect')) called.add('oauth/introspect');
  }
  return called;
}

function lineOf(text: string, index: number): string {
  return text.slice(text.lastIndexOf('\n', index) + 1, index);
}

describe('the API client scopes', () => {
  it('cover every commercetools endpoint the connector calls, and nothing more', () => {
    const covered = API_CLIENT_SCOPES.flatMap((s) => s.endpoints);
    const called = calledEndpoints();
    expect([...called].sort()).toEqual([...covered].sort());
  });

  it('are the list in "Going live", exactly', () => {
    const goingLive = readFileSync('docs/going-live.md', 'utf8');
    const named = new Set([...goingLive.matchAll(/`((?:manage|view|introspect)_\w+)`/g)].map((m) => m[1]));
    expect([...named].sort()).toEqual(API_CLIENT_SCOPES.map((s) => s.scope).sort());
    expect(goingLive).toContain(scopeList('<project key>'));
    for (const { scope, why } of API_CLIENT_SCOPES) expect(goingLive).toContain(`| \`${scope}\` | ${why} |`);
  });
});
