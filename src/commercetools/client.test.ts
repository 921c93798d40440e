import { describe, expect, it } from 'vitest';
import { createCommercetoolsClient } from './client.js';

type Step = number | 'network-error';

/** A fetch that serves tokens and answers API calls with the scripted steps, then 200. */
function scriptedFetch(steps: Step[]) {
  const calls: string[] = [];
  const fetchFn: typeof fetch = async (input) => {
    const url = String(input);
    if (url.endsWith('/oauth/token')) {
      return Response.json({
        access_token: 'token',
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'manage_project:p',
      });
    }
    calls.push(url);
    const step = steps.shift() ?? 200;
    if (step === 'network-error') throw new TypeError('fetch failed');
    const error = {
      statusCode: step,
      message: 'scripted',
      errors: [{ code: 'General', message: 'scripted' }],
    };
    return Response.json(step === 200 ? { key: 'p' } : error, { status: step });
  };
  return { fetchFn, calls };
}

function client(fetchFn: typeof fetch, maxRetries: number) {
  return createCommercetoolsClient({
    projectKey: 'p',
    clientId: 'id',
    clientSecret: 'secret',
    authUrl: 'https://auth.example.test',
    apiUrl: 'https://api.example.test',
    fetch: fetchFn,
    maxRetries,
  });
}

describe('createCommercetoolsClient', () => {
  it('retries gateway errors with backoff and returns the eventual answer', async () => {
    const { fetchFn, calls } = scriptedFetch([502, 504]);
    const { body } = await client(fetchFn, 2).get().execute();
    expect(body.key).toBe('p');
    expect(calls).toEqual(Array(3).fill('https://api.example.test/p'));
  });

  it('retries network failures', async () => {
    const { fetchFn, calls } = scriptedFetch(['network-error']);
    await client(fetchFn, 1).get().execute();
    expect(calls).toHaveLength(2);
  });

  it('does not retry client errors', async () => {
    const { fetchFn, calls } = scriptedFetch([409]);
    await expect(client(fetchFn, 3).get().execute()).rejects.toMatchObject({ statusCode: 409 });
    expect(calls).toHaveLength(1);
  });
});
