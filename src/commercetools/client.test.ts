import { describe, expect, it } from 'vitest';
import type { OutboundCallObserver } from '../domain/outbound-call.js';
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

  it('reports every attempt to its observer by endpoint template, and sends the headers the observer gives', async () => {
    const { fetchFn } = scriptedFetch([503]);
    const sent: Array<string | null> = [];
    const seen: string[] = [];
    const observer: OutboundCallObserver = {
      start(endpoint) {
        return {
          headers: { 'X-Correlation-ID': 'corr-1' },
          end: (status) => void seen.push(`${endpoint} ${status}`),
        };
      },
    };
    const withHeaders: typeof fetch = (input, init) => {
      sent.push(new Headers(init?.headers).get('x-correlation-id'));
      return fetchFn(input, init);
    };
    await createCommercetoolsClient({
      projectKey: 'p',
      clientId: 'id',
      clientSecret: 'secret',
      authUrl: 'https://auth.example.test',
      apiUrl: 'https://api.example.test',
      fetch: withHeaders,
      maxRetries: 1,
      observer,
    })
      .orders()
      .withId({ ID: '6f0c1d5e-1c1a-4a4e-9c7e-2b1f7d9a0c11' })
      .get()
      .execute();
    expect(seen).toEqual(['POST /oauth/token 200', 'GET /orders/{id} 503', 'GET /orders/{id} 200']);
    expect(sent).toEqual(['corr-1', 'corr-1', 'corr-1']);
  });
});
